import Foundation
import Testing
@testable import StatsSink

/// The API client against a real HTTP server on loopback that behaves like telemt's `[server.api]`.
@Suite(.serialized) final class TelemtAPIClientTests {
    let server: TelemtAPITestServer
    let authorization = "Bearer s3cr3t-Auth value"

    init() throws {
        server = try TelemtAPITestServer()
        try server.set(users: TelemtAPIFixtures.usersBody(TelemtAPIFixtures.sampleUsers()), system: TelemtAPIFixtures.systemInfoBody())
    }

    deinit {
        server.stop()
    }

    func client(authorization: String? = nil, timeout: Double = 2, maxBodyBytes: Int = 1 << 20) throws -> TelemtAPIClient {
        try TelemtAPIClient(baseURL: server.baseURL, authorization: authorization, timeout: timeout, maxBodyBytes: maxBodyBytes)
    }

    /// The error of `users()`, checked to show neither the auth value nor a user's secret.
    func usersFailure(_ client: TelemtAPIClient) -> TelemtAPIError? {
        do {
            _ = try client.users()
            return nil
        } catch {
            #expect(!error.description.contains("s3cr3t") && !error.description.contains(TelemtAPIFixtures.secret(1)), "\(error)")
            #expect(error.operation == "GET /v1/users" && error.url == server.baseURL)
            return error
        }
    }

    @Test func sendsTheAuthorizationHeaderExactly() throws {
        try server.set(auth: authorization)
        let users = try client(authorization: authorization).users()
        #expect(server.lastAuthorization == authorization)
        #expect(users.users["alice"]?.totalOctets == 6_687_272_492)
        #expect(users.revision == TelemtAPIFixtures.revision)
        #expect(throws: TelemtAPIError.self) { try self.client().systemInfo() }
        #expect(server.lastAuthorization == nil, "no header without a value")
    }

    @Test func readsSystemInfoAndChunkedAnswers() throws {
        try server.set(mode: "chunked")
        #expect(try client().systemInfo().configReloadCount == 2)
        #expect(try client().users().users.count == 3)
    }

    @Test func aWrongAuthorizationIsUnauthorized() throws {
        try server.set(auth: authorization)
        for candidate in [nil, "Bearer s3cr3t-auth value", authorization + " "] as [String?] {
            let error = usersFailure(try client(authorization: candidate))
            #expect(error?.reason == .unauthorized(status: 401, code: "unauthorized"))
            #expect(error?.description.contains("auth header file") == true && error?.description.contains("whitelist") == true)
        }
    }

    @Test(arguments: [
        ("disabled", TelemtAPIError.Reason.api(code: "api_disabled", message: "API is disabled")),
        ("forbidden", .unauthorized(status: 403, code: "forbidden")),
        ("html-error", .transport(.httpStatus(502))),
        ("huge-error", .transport(.httpStatus(500))),
        ("truncated", .transport(.closedEarly)),
        ("slow", .transport(.timedOut(seconds: 0.5))),
    ])
    func failuresAreReportedWithWhatToDo(mode: String, expected: TelemtAPIError.Reason) throws {
        try server.set(mode: mode)
        let started = Date()
        #expect(usersFailure(try client(timeout: 0.5))?.reason == expected)
        #expect(Date().timeIntervalSince(started) < 2, "bounded by the timeout")
    }

    @Test func anEmptyAnswerPointsAtTheWhitelist() throws {
        try server.set(mode: "gray")
        guard case .invalid(let why)? = usersFailure(try client())?.reason else { Issue.record("empty answer accepted"); return }
        #expect(why.contains("whitelist"))
    }

    @Test func okFalseInA200IsTelemtsError() throws {
        try server.set(users: #"{"ok":false,"error":{"code":"internal_error","message":"config unreadable"},"request_id":9}"#)
        #expect(usersFailure(try client())?.reason == .api(code: "internal_error", message: "config unreadable"))
    }

    @Test func oversizedBodiesAreRefused() throws {
        let many = (0..<200).map { TelemtAPIFixtures.User(name: "user\($0)", secret: TelemtAPIFixtures.secret($0)) }
        try server.set(users: TelemtAPIFixtures.usersBody(many))
        #expect(usersFailure(try client(maxBodyBytes: 10_000))?.reason == .transport(.tooLarge(limit: 10_000)))
        #expect(try client().users().users.count == 200)
    }

    @Test func settingsThatCannotWorkAreRefusedWithoutTheSecret() {
        for (url, auth) in [
            ("http://user:pw@127.0.0.1:9091", nil), ("http://127.0.0.1:9091/v1", nil), ("https://127.0.0.1:9091", nil),
            ("http://127.0.0.1:9091", "Bearer s3cr3t\n"), ("http://127.0.0.1:9091", ""),
        ] as [(String, String?)] {
            do {
                _ = try TelemtAPIClient(baseURL: url, authorization: auth)
                Issue.record("\(url) accepted")
            } catch {
                #expect(!error.description.contains("s3cr3t") && !error.description.contains("pw@"), "\(error)")
            }
        }
    }

    @Test func theClientNeverShowsItsAuthorization() throws {
        let client = try client(authorization: authorization)
        var dumped = ""
        dump(client, to: &dumped)
        for text in [client.description, String(reflecting: client), dumped] {
            #expect(!text.contains("s3cr3t"), "\(text)")
        }
        #expect(client.description.contains("authorization: set"))
    }
}
