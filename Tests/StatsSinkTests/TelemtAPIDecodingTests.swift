import Foundation
import Testing
@testable import StatsSink

/// Decoding telemt 3.4.25-shaped `/v1/users` and `/v1/system/info` bodies.
struct TelemtAPIDecodingTests {
    typealias Fixture = TelemtAPIFixtures

    func users(_ body: String, maxUsers: Int = 1_000_000) throws(TelemtAPIError.Reason) -> TelemtAPIUsers {
        try TelemtAPIUsers(jsonBody: Array(body.utf8), maxUsers: maxUsers)
    }

    /// The error `body` produces, checked to contain none of the sample's secrets.
    func refusal(_ body: String, maxUsers: Int = 1_000_000) -> TelemtAPIError.Reason? {
        do {
            _ = try users(body, maxUsers: maxUsers)
            return nil
        } catch {
            let text = TelemtAPIError(url: "http://127.0.0.1:9091", operation: "GET /v1/users", reason: error).description
            for index in 1...3 { #expect(!text.contains(Fixture.secret(index)), "\(text)") }
            return error
        }
    }

    @Test func readsTheCountersOfEveryUser() throws {
        let decoded = try users(Fixture.usersBody(Fixture.sampleUsers()))
        #expect(decoded.revision == Fixture.revision)
        #expect(decoded.users.count == 3)
        #expect(decoded.users["alice"] == TelemtAPIUser(username: "alice", totalOctets: 6_687_272_492, currentConnections: 3, enabled: true))
        #expect(decoded.users["bob.k"]?.enabled == false)
        #expect(decoded.users["max_user-1"]?.totalOctets == UInt64.max)
        #expect(!String(reflecting: decoded).contains(Fixture.secret(1)), "links are not stored")
    }

    @Test func anEmptyUserListIsValid() throws {
        #expect(try users(Fixture.usersBody([])).users.isEmpty)
    }

    @Test func refusesWhatWouldMiscount() {
        var users = Fixture.sampleUsers()
        let body = Fixture.usersBody(users)
        let noTotal = body.replacingOccurrences(of: #""total_octets":6687272492,"#, with: "")
        guard case .json(let error)? = refusal(noTotal) else { Issue.record("missing total_octets accepted"); return }
        #expect(error.expected == "\"total_octets\" in every user")
        #expect(refusal(body.replacingOccurrences(of: "6687272492", with: "6.687272492e9")) != nil)
        #expect(refusal(body.replacingOccurrences(of: "6687272492", with: "18446744073709551616")) != nil)
        #expect(refusal(body.replacingOccurrences(of: "6687272492", with: "-1")) != nil)
        #expect(refusal(body.replacingOccurrences(of: #""current_connections":3,"#, with: #""current_connections":3,"total_octets":1,"#)) != nil)
        users.append(users[0])
        guard case .json(let duplicate)? = refusal(Fixture.usersBody(users)) else { Issue.record("duplicate accepted"); return }
        #expect(duplicate.found == "a user listed twice")
    }

    @Test func boundsTheNumberOfUsers() throws {
        let body = Fixture.usersBody(Fixture.sampleUsers())
        guard case .json(let error)? = refusal(body, maxUsers: 2) else { Issue.record("3 users accepted with a bound of 2"); return }
        #expect(error.expected == "at most 2 users")
        #expect(try users(body, maxUsers: 3).users.count == 3)
    }

    @Test func surfacesTelemtsErrors() {
        let body = #"{"ok":false,"error":{"code":"api_disabled","message":"API is disabled"},"request_id":4}"#
        #expect(refusal(body) == .api(code: "api_disabled", message: "API is disabled"))
        let text = TelemtAPIError(url: "http://h:1", operation: "GET /v1/users", reason: .api(code: "api_disabled", message: "x")).description
        #expect(text.contains("enabled = true") && text.contains("read_only = true"))
    }

    @Test(arguments: [
        #"{"ok":true,"revision":"r"}"#, #"{"ok":true,"data":[]}"#, #"{"data":[],"revision":"r"}"#, "   ",
        #"{"ok":true,"data":{},"revision":"r"}"#, #"{"ok":true,"data":[],"data":[],"revision":"r"}"#,
        #"{"ok":true,"data":[{"username":"","enabled":true,"current_connections":0,"total_octets":0}],"revision":"r"}"#,
    ])
    func refusesEnvelopesThatAreNotTelemts(body: String) {
        #expect(refusal(body) != nil)
    }

    @Test func noCorruptionShowsASecret() {
        let body = Array(Fixture.usersBody(Fixture.sampleUsers()).utf8)
        for offset in stride(from: 0, to: body.count, by: 3) {
            for replacement in [UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x01, 0xFF, UInt8(ascii: "}")] {
                var corrupted = body
                corrupted[offset] = replacement
                _ = refusal(String(decoding: corrupted, as: UTF8.self))
            }
        }
    }

    @Test func readsTheSystemInfo() throws {
        let info = try TelemtSystemInfo(jsonBody: Array(Fixture.systemInfoBody().utf8))
        #expect(info == TelemtSystemInfo(
            version: "3.4.25", processStartedAt: 1_752_913_711, uptimeSeconds: 86_412.371, configHash: Fixture.revision,
            configReloadCount: 2, lastConfigReloadAt: 1_753_000_123, revision: Fixture.revision))
        let fresh = try TelemtSystemInfo(jsonBody: Array(Fixture.systemInfoBody(reloads: 0, lastReload: nil, uptime: "3").utf8))
        #expect(fresh.lastConfigReloadAt == nil && fresh.configReloadCount == 0 && fresh.uptimeSeconds == 3)
    }

    @Test func refusesIncompleteSystemInfo() {
        let body = Fixture.systemInfoBody().replacingOccurrences(of: #""config_hash":"\#(Fixture.revision)","#, with: "")
        #expect(throws: TelemtAPIError.Reason.self) { try TelemtSystemInfo(jsonBody: Array(body.utf8)) }
        let fraction = Fixture.systemInfoBody().replacingOccurrences(of: "1752913711", with: "1752913711.5")
        #expect(throws: TelemtAPIError.Reason.self) { try TelemtSystemInfo(jsonBody: Array(fraction.utf8)) }
    }
}
