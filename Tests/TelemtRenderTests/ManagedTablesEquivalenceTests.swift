import Foundation
import Testing
@testable import TelemtRender

/// A config whose managed tables hold the same values in another order or layout is the same
/// config; any other difference is not.
@Suite struct ManagedTablesEquivalenceTests {
    static let head = "[general]\nlog_level = \"normal\"\n\n"
    static let a = String(repeating: "a", count: 32), b = String(repeating: "b", count: 32)

    /// The renderer's own output for alice (disabled, 5 connections, an expiry) and bob.
    static func rendered(_ template: String = head + "[access]\n") throws -> [UInt8] {
        let users = [TelemtUser(name: "alice", secret: a, enabled: false, maxTCPConnections: 5,
                                expiration: Date(timeIntervalSince1970: 1_800_000_000)),
                     TelemtUser(name: "b.ob", secret: b)]
        return try ConfigRenderer().render(template: Array(template.utf8), users: users)
    }

    /// The same values as telemt or another panel writes them: unsorted, other spacing, comments.
    static let unsorted = head + """
        [access]

        [access.user_max_tcp_conns]
        alice=5

        [access.users]
        # format: "username" = "32_hex_chars_secret"
        "b.ob" = "\(b)"
        alice = "\(a)"   # the first user

        [access.user_enabled]
        alice = false
        [access.user_expirations]
        alice = 2027-01-15T08:00:00Z

        """

    @Test func sameValuesInAnotherOrderAreEquivalent() throws {
        #expect(ManagedTables.equivalent(Array(Self.unsorted.utf8), try Self.rendered()) == false,
                "the tables are in other places, so the bytes around them differ")
        let template = Array(Self.unsorted.utf8)
        let document = try TOMLDocument(parsing: template)
        let rendered = try Self.rendered(String(decoding: try ManagedTables.emptied(document), as: UTF8.self))
        #expect(rendered != template)
        #expect(ManagedTables.equivalent(template, rendered))
        #expect(ManagedTables.equivalent(rendered, template))
    }

    @Test(arguments: [
        ("alice=5", "alice=6"),                                   // a limit
        ("alice = false\n", "alice = true\n"),                    // a flag
        ("\"b.ob\" = \"\(b)\"", "\"b.ob\" = \"\(String(repeating: "c", count: 32))\""), // a secret
        ("log_level = \"normal\"", "log_level = \"debug\""),     // a setting outside the tables
        ("alice = 2027-01-15T08:00:00Z", "alice = 2027-01-15T08:00:00.5Z"), // a fraction of a second
        ("[access.user_enabled]\n", "[access.user_enabled]\nghost = false\n"), // an entry for no user
        ("alice = false\n", "alice = false\n[access.user_data_quota]\nalice = 1024\n"), // a quota
    ])
    func anyOtherDifferenceIsNot(_ edit: (String, String)) throws {
        let template = Array(Self.unsorted.utf8)
        let rendered = try Self.rendered(String(decoding: try ManagedTables.emptied(try TOMLDocument(parsing: template)), as: UTF8.self))
        let edited = Array(Self.unsorted.replacingOccurrences(of: edit.0, with: edit.1).utf8)
        #expect(edited != template, "the edit applies")
        #expect(!ManagedTables.equivalent(edited, rendered))
    }

    @Test func emptiedKeepsEveryOtherByteAndNoSecret() throws {
        let source = Self.unsorted + "# after the tables\n[server]\nport = 443\n"
        let template = String(decoding: try ManagedTables.emptied(try TOMLDocument(parsing: source)), as: UTF8.self)
        #expect(!template.contains(Self.a) && !template.contains(Self.b) && !template.contains("alice"))
        #expect(template == Self.head + """
            [access]

            [access.user_max_tcp_conns]

            [access.users]

            [access.user_enabled]
            [access.user_expirations]
            # after the tables
            [server]
            port = 443

            """)
    }

    @Test func unreadableConfigsAreNeverEquivalent() {
        #expect(!ManagedTables.equivalent(Array("[access.users\n".utf8), Array("[access.users]\n".utf8)))
        #expect(!ManagedTables.equivalent(Array("[general]\n".utf8), Array("[general]\n\n".utf8)))
        #expect(ManagedTables.equivalent(Array("x = 1\n".utf8), Array("x = 1\n".utf8)))
    }
}
