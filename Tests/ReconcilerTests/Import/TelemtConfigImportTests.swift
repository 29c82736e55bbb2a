import Foundation
import Spec
import Testing
import TelemtRender
@testable import Reconciler

@Suite struct TelemtConfigImportTests {
    static let a = String(repeating: "0123456789abcdef", count: 2), b = String(repeating: "fedcba9876543210", count: 2)
    static let c = String(repeating: "13579bdf", count: 4)

    func run(_ config: String, host: String? = "proxy.example.com", port: Int? = nil, zone: String? = nil) throws -> ImportedRepository {
        try TelemtConfigImport(source: Array(config.utf8), path: "config.toml", host: host, port: port, timeZone: zone).run()
    }

    func problems(_ config: String, host: String? = "proxy.example.com") -> [String] {
        do throws(TelemtImportError) {
            _ = try TelemtConfigImport(source: Array(config.utf8), path: "config.toml", host: host).run()
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    func users(_ imported: ImportedRepository) -> [String] {
        String(decoding: imported.usersYAML, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("  ") && $0.hasSuffix("}") }.map(String.init)
    }

    @Test func convertsEveryTableIntoOneSortedLinePerUser() throws {
        let imported = try run("""
            [censorship]
            tls_domain = "www.example.com"
            [access.user_expirations]
            "b.ob" = "9999-12-31T23:59:59Z"
            [access.users]
            "b.ob" = "\(Self.b)"
            alice = "\(Self.a.uppercased())"
            [access.user_enabled]
            alice = false
            "b.ob" = true
            [access.user_max_tcp_conns]
            alice = 9223372036854775807
            [access.user_max_unique_ips]
            "b.ob" = 0
            [access.user_data_quota]
            alice = 10737418240
            """, port: 8443, zone: "Europe/Moscow")
        #expect(users(imported) == [
            "  alice: { secret: \(Self.a), data_limit: 10 GiB, max_connections: 9223372036854775807, disabled: true }",
            "  b.ob: { secret: \(Self.b), max_unique_ips: 0, expire: 9999-12-31T23:59:59Z }",
        ])
        let text = String(decoding: imported.usersYAML, as: UTF8.self)
        #expect(text.contains("proxy:\n  host: proxy.example.com\n  port: 8443\n  tls_domain: www.example.com\ntimezone: Europe/Moscow\n"))
        #expect(text.hasPrefix("# Imported by `telemt-gitops import` from config.toml."))
        #expect(text.contains("keep the repository private") && text.contains("remove their `secret:`"))
        #expect(imported.summary == "2 users (1 disabled, 1 with an expiry, 1 with a data limit)")
        #expect(imported.warnings.filter { $0.contains("whole lifetime") }.count == 1)
        let template = String(decoding: imported.template, as: UTF8.self)
        #expect(!template.contains(Self.a) && !template.contains(Self.b) && !template.contains("alice"))
    }

    @Test func theResultLoadsAsTheSameUsers() throws {
        let imported = try run("[access.users]\n\"x-1_y.z\" = \"\(Self.a)\"\n[access.user_expirations]\n\"x-1_y.z\" = 2027-01-01T12:00:00+03:00\n")
        let loaded = try SpecLoader.load([SpecSource(path: "users.yaml", bytes: imported.usersYAML)])
        #expect(loaded.state.users.map(\.name) == ["x-1_y.z"])
        #expect(loaded.state.users.first?.secret == Self.a)
        #expect(loaded.state.users.first?.expire == Date(timeIntervalSince1970: 1_798_794_000))
    }

    @Test func noUsersIsAnEmptyMapAndAWarning() throws {
        let imported = try run("[general]\nlog_level = \"normal\"\n")
        #expect(String(decoding: imported.usersYAML, as: UTF8.self).hasSuffix("users: {}\n"))
        #expect(imported.userCount == 0)
        #expect(imported.warnings.contains { $0.contains("no users") })
        #expect(imported.template == Array("[general]\nlog_level = \"normal\"\n".utf8))
    }

    @Test func quotedNamesThatYAMLWouldReadOtherwiseAreQuoted() throws {
        let imported = try run("[access.users]\n\"true\" = \"\(Self.a)\"\n\"007\" = \"\(Self.b)\"\n")
        #expect(users(imported) == ["  \"007\": { secret: \(Self.b) }", "  \"true\": { secret: \(Self.a) }"])
        let loaded = try SpecLoader.load([SpecSource(path: "users.yaml", bytes: imported.usersYAML)])
        #expect(loaded.state.users.map(\.name) == ["007", "true"])
    }

    @Test func usersThatCannotBeRepresentedAreErrorsAtTheirPlace() {
        let found = problems("""
            [access.users]
            "bob smith" = "\(Self.a)"
            ok = "\(Self.b)"
            twin = "\(Self.b)"
            short = "abc"
            old = "\(Self.c)"
            [access.user_expirations]
            old = 1969-12-31T23:59:59Z
            """)
        #expect(found.count == 4)
        #expect(found[0].hasPrefix("config.toml:2:1: error: user \"bob smith\": telemt-gitops user names match"))
        #expect(found.contains { $0.hasPrefix("config.toml:8:1: error: user old: the expiration lies outside") })
        #expect(found.contains { $0.hasPrefix("config.toml:5:1: error: user short: the secret is not 32 hex digits") })
        #expect(found.contains { $0.contains("user twin has the same secret as ok (line 3)") })
        #expect(![Self.a, Self.b, Self.c, "\"abc\""].contains { found.joined().contains($0) })
    }

    @Test(arguments: [
        ("[access]\nusers = { alice = \"\(TelemtConfigImportTests.a)\" }\n", "config.toml:2:1: error: access.users is written as an inline table"),
        ("[access]\nusers.alice = \"\(TelemtConfigImportTests.a)\"\n", "config.toml:2:1: error: access.users is written as dotted keys"),
    ])
    func dottedAndInlineTablesAreErrorsSayingHowToRewriteThem(_ config: String, _ expected: String) {
        let found = problems(config)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix(expected) == true, "\(found)")
        #expect(found.first?.contains("rewrite it as [access.users]") == true)
    }

    @Test func hostAndPortComeFromTelemtsLinksSettings() throws {
        let config = "[general.links]\npublic_host = \"links.example.com\"\npublic_port = 8443\n[server]\nport = 443\n[access.users]\na = \"\(Self.a)\"\n"
        let text = String(decoding: try run(config, host: nil).usersYAML, as: UTF8.self)
        #expect(text.contains("  host: links.example.com\n  port: 8443\n"))
        let server = String(decoding: try run("[server]\nport = 993\n[access.users]\na = \"\(Self.a)\"\n").usersYAML, as: UTF8.self)
        #expect(server.contains("  port: 993\n"))
        let missing = problems("[access.users]\na = \"\(Self.a)\"\n", host: nil)
        #expect(missing.count == 1 && missing[0].hasPrefix("config.toml: error: [general.links] public_host is not set") && missing[0].contains("--host"))
    }

    @Test func aSecretLeftInACommentOutsideTheTablesIsAnError() {
        let found = problems("# old: alice = \"\(Self.a)\"\n[access.users]\nalice = \"\(Self.a)\"\n")
        #expect(found == ["config.toml:1:17: error: a user's secret is written here, outside the user tables (in a comment?), and telemt.toml "
            + "goes into git: remove it from the source config and run import again"])
    }
}
