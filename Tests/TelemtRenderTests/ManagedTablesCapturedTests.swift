import Foundation
import TestSupport
import Testing
@testable import TelemtRender

/// The capture reader must be invisible: `ManagedTables.read(from:)` (capture first, general
/// parser as fallback) gives exactly what the general parser and reader give, result or error.
@Suite struct ManagedTablesCapturedTests {
    /// The general path alone, as `read(from:)` behaved before the capture reader.
    static func generalRead(_ config: String) -> Result<[TelemtUser], ManagedTablesError> {
        do {
            let document = try TOMLDocument(parsing: config)
            return .success(try ManagedTables.snapshot(of: document).users)
        } catch let error as TOMLParseError {
            return .failure(ManagedTablesError(reason: .syntax(error), location: error.location))
        } catch let error as ManagedTablesError {
            return .failure(error)
        } catch {
            Issue.record("unexpected error \(error)")
            return .success([])
        }
    }

    static func fastRead(_ config: String) -> Result<[TelemtUser], ManagedTablesError> {
        Result { () throws(ManagedTablesError) in try ManagedTables.read(from: config) }
    }

    /// Lines a managed table may hold: the strict form and many that force the fallback.
    static let lines = [
        #"a = "ffffffffffffffffffffffffffffffff""#, #"b = "0123456789abcdef0123456789abcdef""#,
        #""c.d" = "00000000000000000000000000000000""#, #"'e' = "11111111111111111111111111111111""#,
        #"a = "dup""#, #"b = 'literal'"#, #"c = "esc\u0041""#, "a = false", "b = true", "a = 7", "b = 0",
        "a = 007", "a = -1", "a = 1_000", "a = 1.5", "a = 99999999999999999999", #"a = "2027-01-01T20:59:59Z""#,
        #"b = "2027-01-01T23:59:59+03:00""#, #"a = "2027-13-01T00:00:00Z""#, "a = 2027-01-01T00:00:00Z",
        #"a.x = "x""#, "a = { x = 1 }", "a = [1, 2]", "# comment", "", "  b = 5 # trailing", #""" = "e""#,
        #"a = """x""""#, "ghost = 3", #"ghost = "x""#, "a = tru", "a = 5x", "a = \"unterminated",
    ]

    static let headers = [
        "[access.users]", "[access.user_enabled]", "[access.user_max_tcp_conns]", "[access.user_max_unique_ips]",
        "[access.user_expirations]", "[access.user_data_quota]", "[access]", "[server]", "[access.users.team]",
        "[[access.users]]", "[access.users]",
    ]

    static func randomConfig(_ generator: inout SeededGenerator) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 1...5, using: &generator) {
            text += (Int.random(in: 0..<10, using: &generator) < 8
                ? headers[Int.random(in: 0..<6, using: &generator)]
                : headers.randomElement(using: &generator) ?? "") + "\n"
            for _ in 0..<Int.random(in: 0...4, using: &generator) {
                let strict = Int.random(in: 0..<10, using: &generator) > 0
                text += (strict ? lines[Int.random(in: 0..<4, using: &generator)] : lines.randomElement(using: &generator) ?? "") + "\n"
            }
        }
        return text
    }

    @Test func randomConfigsReadAsTheGeneralPathReadsThem() {
        var generator = SeededGenerator(seed: 0x7E1E_47)
        var fastPathTaken = 0
        for _ in 0..<3_000 {
            let config = Self.randomConfig(&generator)
            #expect(Self.fastRead(config) == Self.generalRead(config), "\(config)")
            if let captured = ManagedTables.parseCapturing(Array(config.utf8)), ManagedTables.users(of: captured) != nil {
                fastPathTaken += 1
            }
        }
        #expect(fastPathTaken > 100)
    }

    @Test func renderedConfigsTakeTheCapturePath() throws {
        let users = (0..<50).map {
            TelemtUser(name: "user.\($0)", secret: TestSupport.secret($0), enabled: $0 % 3 != 0,
                       maxTCPConnections: $0 % 2 == 0 ? $0 : nil, maxUniqueIPs: $0 % 5 == 0 ? 1 : nil,
                       expiration: $0 % 4 == 0 ? TestSupport.date("2027-01-01T20:59:59Z") : nil, dataQuota: UInt64($0))
        }
        let renderer = ConfigRenderer(dataQuotaPolicy: .render)
        let output = try renderer.render(template: Array("[server]\nport = 443\n".utf8), users: users)
        let captured = try #require(ManagedTables.parseCapturing(output))
        #expect(ManagedTables.users(of: captured) == (try renderer.normalized(users)))
        #expect(captured.tables.allSatisfy { $0 != nil })
        #expect(captured.document.root.table(at: ["access", "users"])?.entries.isEmpty == true)
        #expect(captured.document.sections == (try TOMLDocument(parsing: output)).sections)
    }

    @Test(arguments: [
        "[access.users]\na = \"x\"\na = \"y\"\n",
        "[access.users]\na = \"x\"\n[access.users.team]\nb = 1\n",
        "[access.users]\na = \"x\\u0041\"\n",
        "[access.users]\n\"é\" = \"x\"\n",
        "[access.users]\na = \"x\"\n[access.user_enabled]\nb = 1.5\n",
    ])
    func abandonsWhatItCannotProve(config: String) {
        #expect(ManagedTables.parseCapturing(Array(config.utf8)) == nil)
    }

    @Test func sortsCapturedEntriesByKeyBytes() throws {
        let config = "[access.users]\nb = \"1\"\n\"a.b\" = \"2\"\nA = \"3\"\n"
        let captured = try #require(ManagedTables.parseCapturing(Array(config.utf8)))
        let keys = try #require(captured.tables[0]).entries.map {
            String(decoding: captured.document.bytes[$0.key], as: UTF8.self)
        }
        #expect(keys == ["A", "a.b", "b"])
    }
}
