import Foundation
import Testing

/// `import` adopts a running telemt: 1,000 users of telemt's own config become users.yaml and
/// telemt.toml, and planning that repository against the original config changes nothing.
@Suite struct ImportCommandTests {
    static let fixture = try! String(contentsOfFile: "/work/shared/fixtures/telemt/config.example.toml", encoding: .utf8)

    /// One generated user: a name with `.`, `-` or `_`, a secret, and some of every setting.
    struct User {
        var name: String
        var secret: String
        var index: Int
        var disabled: Bool { index % 7 == 0 }
        var explicitlyEnabled: Bool { index % 11 == 0 && !disabled }
        var connections: Int? { index % 3 == 0 ? [0, 1, 8, 4096][index % 4] : nil }
        var addresses: Int? { index % 5 == 0 ? index % 10 : nil }
        /// Future expiries only: an expired user is cut off by telemt-gitops, a real change.
        var expiry: String? {
            switch index % 4 {
            case 1: "\(2027 + index % 70)-0\(1 + index % 9)-1\(index % 10)T0\(index % 10):30:00Z"
            case 2 where index % 8 == 2: "9999-12-31T23:59:59Z"
            default: nil
            }
        }
    }

    static func users(_ count: Int) -> [User] {
        let separators = [".", "-", "_", ""]
        return (0..<count).map { index in
            let name = "user\(separators[index % 4])\(String(index, radix: 36))\(index % 9 == 0 ? "-x.y_z" : "")"
            let secret = (0..<4).map { String(format: "%08x", UInt32(truncatingIfNeeded: (index + 1) &* 2_654_435_761 &+ $0 &* 40_503)) }.joined()
            return User(name: name, secret: secret, index: index)
        }
    }

    /// telemt's example config with `users` in its tables, in the order a panel appends them
    /// (unsorted), the tables themselves in no particular order, comments and settings around them.
    static func config(_ users: [User]) -> String {
        let shuffled = users.enumerated().sorted { ($0.offset * 7919) % users.count < ($1.offset * 7919) % users.count }.map(\.element)
        func table(_ name: String, _ value: (User) -> String?) -> String {
            "[access.\(name)]\n" + shuffled.compactMap { user in value(user).map { "\"\(user.name)\" = \($0)\n" } }.joined()
        }
        let head = fixture.components(separatedBy: "[access.users]")[0]
        return head + "[access]\nreplay_check_len = 65536\n\n"
            + table("users") { "\"\($0.secret)\"" }.replacingOccurrences(of: "[access.users]\n", with: "[access.users]\n# format: \"username\" = \"32_hex_chars_secret\"\n")
            + "\n# limits set by the panel\n" + table("user_max_tcp_conns") { $0.connections.map(String.init) }
            + "\n" + table("user_expirations") { $0.expiry.map { "\"\($0)\"" } }
            + table("user_max_unique_ips") { $0.addresses.map(String.init) }
            + "\n" + table("user_enabled") { $0.disabled ? "false" : $0.explicitlyEnabled ? "true" : nil }
            + "\n# per-user ad tags are telemt's own\n[access.user_ad_tags]\n\n[timeouts]\nclient_handshake = 30\n"
    }

    @Test func aThousandUsersImportWithoutChangingAnyLink() throws {
        let dir = try Scratch()
        let users = Self.users(1_000)
        try dir.write("telemt/config.toml", Self.config(users))
        let original = try dir.read("telemt/config.toml")
        let started = Date()
        let imported = try CLI.run(["import", "--telemt-config", dir.file("telemt/config.toml"), "--out", dir.file("repo"), "--host", "proxy.example.com"])
        let seconds = Date().timeIntervalSince(started)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("imported 1000 users (143 disabled, 375 with an expiry) into \(dir.file("repo"))\n"))
        #expect(seconds < 10, "import of 1,000 users took \(seconds) s")
        #expect(dir.mode("repo/users.yaml") == 0o600)
        let template = try dir.read("repo/telemt.toml")
        #expect(!users.contains { template.contains($0.secret) || template.contains("\"\($0.name)\"") })
        #expect(try dir.read("telemt/config.toml") == original)

        #expect(try CLI.run(["keygen", "--out", dir.file("master.key")]).status == 0)
        let environment = ["HOME": dir.file("home"), "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"]
        let validate = try CLI.run(["validate", dir.file("repo")], environment: environment)
        #expect(validate.status == 0, "\(validate.stderr)")
        let plan = try CLI.run(["plan", "--spec", dir.file("repo"), "--telemt-config", dir.file("telemt/config.toml"), "--key", dir.file("master.key"),
                                "--state-dir", dir.file("state"), "--no-telemt", "--detailed-exitcode"], environment: environment)
        #expect(plan.status == 0, "\(plan.stdout.prefix(3_000))\n\(plan.stderr.prefix(3_000))")
        #expect(plan.stdout.contains("\nno changes\n"))
        #expect(!plan.stdout.contains("config.toml (secrets masked)"))

        let links = try CLI.run(["links", "--all", "--json", "--spec", dir.file("repo"), "--key", dir.file("master.key")], environment: environment)
        #expect(links.status == 0, "\(links.stderr)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(links.stdout.utf8)) as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: entries.compactMap { entry in (entry["user"] as? String).map { ($0, entry["tg"] as? String ?? "") } })
        #expect(byName.count == 1_000)
        for user in users {
            #expect(byName[user.name]?.contains("&secret=ee\(user.secret)") == true, "\(user.name) keeps their secret")
        }
        print("import of 1,000 users: \(String(format: "%.2f", seconds)) s")
    }

    @Test func existingFilesAreNeverReplaced() throws {
        let dir = try Scratch()
        try dir.write("config.toml", "[access.users]\nalice = \"\(String(repeating: "a", count: 32))\"\n")
        try dir.write("repo/users.yaml", "# mine\n")
        let result = try CLI.run(["import", "--telemt-config", dir.file("config.toml"), "--out", dir.file("repo"), "--host", "p.example.com"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: \(dir.file("repo/users.yaml")) already exists; import never replaces a file"))
        #expect(try dir.read("repo/users.yaml") == "# mine\n")
        #expect(!FileManager.default.fileExists(atPath: dir.file("repo/telemt.toml")))
    }

    @Test func errorsNameTheUserAndPlaceWithoutASecret() throws {
        let dir = try Scratch()
        let secret = String(repeating: "c", count: 32)
        try dir.write("config.toml", "[access.users]\nok = \"\(secret)\"\n\"has space\" = \"\(String(repeating: "d", count: 32))\"\n")
        let result = try CLI.run(["import", "--telemt-config", dir.file("config.toml"), "--out", dir.file("repo"), "--host", "p.example.com"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(dir.file("config.toml")):3:1: error: user \"has space\": telemt-gitops user names match"))
        #expect(!result.stderr.contains(secret) && !result.stderr.contains("dddd"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("repo")))
    }
}
