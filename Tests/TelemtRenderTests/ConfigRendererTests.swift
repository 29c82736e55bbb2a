import Foundation
import Testing
@testable import TelemtRender

@Suite struct ConfigRendererTests {
    @Test func rendersTelemtExampleLikeGolden() throws {
        let template = try TestSupport.golden("config.example.toml")
        let rendered = try ConfigRenderer().render(template: template, users: TestSupport.users)
        if TestSupport.shouldUpdateGolden { try TestSupport.updateGolden("config.example.rendered.toml", rendered) }
        #expect(rendered == (try TestSupport.golden("config.example.rendered.toml")))
    }
}

extension ConfigRendererTests {
    /// Removes the byte ranges of the managed tables' sections (as the parser reports them).
    static func outsideManagedTables(_ text: String) throws -> [UInt8] {
        let document = try TOMLDocument(parsing: text)
        let managed = Set(ManagedTables.Table.allCases.map(\.path))
        var kept: [UInt8] = []
        for section in document.sections where !managed.contains(section.path) {
            kept += document.bytes[section.range]
        }
        return kept
    }

    @Test func keepsEveryByteOutsideManagedTables() throws {
        let template = try TestSupport.golden("config.example.toml")
        let rendered = try ConfigRenderer().render(template: template, users: TestSupport.users)
        let templateUsers = try #require(try TOMLDocument(parsing: template).sections(at: ["access", "users"]).first)
        let prefix = Array(template.utf8)[..<templateUsers.range.lowerBound]
        #expect(Array(rendered.utf8).starts(with: prefix))
        #expect(try Self.outsideManagedTables(rendered) == Array(prefix))
    }

    @Test func keepsBytesAroundManagedTablesInTheMiddle() throws {
        let template = """
        # head\r
        [access]
        user_max_unique_ips_mode = "active_window"

        [access.users] # old
        # format: name = secret
        old = "00000000000000000000000000000000"
        # glued comment

        # === Censorship ===
        [censorship]
        tls_domain = "example.com"
        [access.user_enabled]
        old = false
        # leads into next
        [server]
        port = 443
        """
        let rendered = try ConfigRenderer().render(template: template, users: [TestSupport.users[0]])
        #expect(try Self.outsideManagedTables(rendered) == Self.outsideManagedTables(template))
        #expect(!rendered.contains("old") && !rendered.contains("# glued comment") && !rendered.contains("format:"))
        #expect(rendered.contains("# === Censorship ===\n[censorship]") && rendered.contains("# leads into next\n[server]"))
        #expect(rendered.hasSuffix("port = 443"))
        let order = ["[access.users]", "[censorship]", "[access.user_enabled]", "[access.user_max_tcp_conns]", "[server]"]
        let offsets = order.compactMap { rendered.range(of: $0)?.lowerBound }
        #expect(offsets.count == order.count && offsets == offsets.sorted())
    }

    @Test func addsTablesAfterAccessOrAtTheEnd() throws {
        let user = TestSupport.users[1]
        let afterAccess = try ConfigRenderer().render(template: "[access]\nreplay_window_secs = 120\n\n[server]\nport = 443\n", users: [user])
        #expect(afterAccess.hasPrefix("[access]\nreplay_window_secs = 120\n\n[access.users]\nbob = \""))
        #expect(afterAccess.hasSuffix("\n\n[server]\nport = 443\n"))
        let atEnd = try ConfigRenderer().render(template: "[server]\nport = 443", users: [user])
        #expect(atEnd.hasPrefix("[server]\nport = 443\n\n[access.users]\n"))
        let empty = try ConfigRenderer().render(template: "", users: [user])
        #expect(empty.hasPrefix("[access.users]\n"))
    }

    @Test func rendersDisabledUsersAndQuotedNames() throws {
        let rendered = try ConfigRenderer().render(template: "", users: TestSupport.users)
        let document = try TOMLDocument(parsing: rendered)
        #expect(document[["access", "users", "carol.smith"]] != nil)
        #expect(document[["access", "users", "carol"]] == nil)
        #expect(document[["access", "user_enabled", "bob"]] == .boolean(false))
        #expect(document[["access", "user_enabled", "alice"]] == nil)
        #expect(rendered.contains("alice = \"2027-01-01T20:59:59Z\""))
        #expect(document.root.table(at: ["access", "user_data_quota"])?.entries.isEmpty == true)
        let withQuota = try ConfigRenderer(dataQuotaPolicy: .render).render(template: "", users: TestSupport.users)
        #expect(try TOMLDocument(parsing: withQuota)[["access", "user_data_quota", "alice"]] == .integer(107_374_182_400))
    }

    @Test func refusesBadUserSets() {
        let renderer = ConfigRenderer()
        let alice = TestSupport.users[0]
        #expect(throws: ConfigRenderError.noUsers) { try renderer.render(template: "", users: []) }
        #expect(throws: ConfigRenderError.duplicateUser("alice")) { try renderer.render(template: "", users: [alice, alice]) }
        var bad = alice
        bad.name = "a b"
        #expect(throws: ConfigRenderError.invalidUserName("a b")) { try renderer.render(template: "", users: [bad]) }
        bad = alice
        bad.secret = "xyz"
        #expect(throws: ConfigRenderError.invalidSecret(user: "alice")) { try renderer.render(template: "", users: [bad]) }
        bad = alice
        bad.maxUniqueIPs = -1
        #expect(throws: ConfigRenderError.negativeLimit(user: "alice", table: .userMaxUniqueIPs)) {
            try renderer.render(template: "", users: [bad])
        }
    }

    @Test(arguments: [
        ("[access]\nusers = { a = \"00000000000000000000000000000000\" }\n", "2:1"),
        ("[access]\nusers.a = \"00000000000000000000000000000000\"\n", "2:1"),
        ("access.users.a = \"00000000000000000000000000000000\"\n", "1:1"),
        ("access = { users = {} }\n", "1:1"),
        ("[[access.users]]\n", "1:1"),
        ("[access.users.team]\nx = 1\n", "1:1"),
        ("[access.users]\nteam.x = 1\n", "2:1"),
        ("[access]\nuser_enabled = 3\n", "2:1"),
    ])
    func refusesManagedTablesInOtherForms(template: String, position: String) {
        #expect {
            try ConfigRenderer().render(template: template, users: [TestSupport.users[0]])
        } throws: { error in
            guard case .template(let cause) = error as? ConfigRenderError else { return false }
            return cause.location?.description == position && cause.description.contains("access")
        }
    }

    @Test func refusesTemplateSyntaxErrors() {
        #expect {
            try ConfigRenderer().render(template: "[server]\nport = = 1\n", users: [TestSupport.users[0]])
        } throws: { error in
            guard case .template(let cause) = error as? ConfigRenderError, case .syntax = cause.reason else { return false }
            return cause.location?.description == "2:8"
        }
    }

    @Test func errorsNeverContainSecrets() throws {
        var user = TestSupport.users[0]
        user.secret = String(user.secret.dropLast()) + "g"
        do {
            _ = try ConfigRenderer().render(template: "", users: [user])
            Issue.record("expected an error")
        } catch {
            #expect(!error.description.contains(user.secret))
        }
    }
}
