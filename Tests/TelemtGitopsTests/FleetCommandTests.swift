import Foundation
import Testing

/// `fleet` and `links` on a fleet spec: one row per node, one link per node a user is on.
@Suite struct FleetCommandTests {
    static let spec = """
        version: 1
        proxy: { host: proxy.example.com, tls_domain: www.example.com }
        nodes:
          eu-1: { host: eu1.example.com, region: Frankfurt }
          eu-2: { host: eu2.example.com, port: 8443 }
          us-1: { host: us1.example.com, tls_domain: cdn.example.org }
        users:
          alice: { replicas: 2 }
          bob: { nodes: [us-1] }
          carol: {}

        """

    static func status(_ node: String, heartbeat: Date, users: [String]) -> String {
        let at = ISO8601DateFormatter().string(from: heartbeat)
        var text = "version: 1\nnode: \(node)\napplied:\n  revision: 0123456789abcdef0123456789abcdef01234567\n  config_sha256: 00\n  at: \(at)\n"
        text += "heartbeat: \(at)\n" + (users.isEmpty ? "users: {}\n" : "users:\n")
        for user in users { text += "  \(user):\n    state: active\n    used: 1.0 GiB\n    used_bytes: 1073741824\n    limit: unlimited\n" }
        return text
    }

    @Test func aUserGetsOneLinkPerNodeWithThatNodesEndpoint() throws {
        let dir = try Scratch()
        try dir.write("spec/users.yaml", Self.spec)
        _ = try CLI.run(["keygen", "--out", dir.file("k")])
        let bob = try CLI.run(["links", "bob", "--spec", dir.file("spec"), "--key", dir.file("k")])
        #expect(bob.status == 0, "\(bob.stderr)")
        let lines = bob.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2 && lines[0].hasPrefix("us-1: tg://proxy?server=us1.example.com&port=443&secret=ee"), "\(lines)")
        let domain = Array("cdn.example.org".utf8).map { String(format: "%02x", $0) }.joined()
        #expect(lines[0].hasSuffix(domain), "the node's own FakeTLS domain")
        let alice = try CLI.run(["links", "alice", "--spec", dir.file("spec"), "--key", dir.file("k"), "--json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(alice.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count == 2 && Set(entries.compactMap { $0["node"] as? String }).count == 2)
        // ee, the 16-byte secret, then the node's FakeTLS domain.
        let secrets = Set(entries.compactMap { ($0["tg"] as? String)?.components(separatedBy: "secret=ee").last?.prefix(32) })
        #expect(secrets.count == 1, "the same secret on every node")
        let carol = try CLI.run(["links", "carol", "--spec", dir.file("spec"), "--key", dir.file("k"), "--qr", "svg", "--output", dir.file("carol.svg")])
        #expect(carol.status == 0)
        for node in ["eu-1", "eu-2", "us-1"] { #expect(dir.mode("carol.\(node).svg") == 0o600, "one QR code per node") }
        #expect(carol.stdout.contains("eu-2: tg://proxy?server=eu2.example.com&port=8443&"))
    }

    @Test func theTableShowsEachNodesHealthUsersAndTraffic() throws {
        let dir = try Scratch()
        try dir.write("spec/users.yaml", Self.spec)
        try dir.write("spec/status/eu-1.yaml", Self.status("eu-1", heartbeat: Date().addingTimeInterval(-20), users: ["alice", "carol"]))
        try dir.write("spec/status/eu-2.yaml", Self.status("eu-2", heartbeat: Date().addingTimeInterval(-3_600), users: ["carol"]))
        let text = try CLI.run(["fleet", "--spec", dir.file("spec")])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("3 nodes: 1 up, 1 down, 1 unknown"), "\(text.stdout)")
        let row = try #require(text.stdout.split(separator: "\n").first { $0.hasPrefix("eu-1 ") })
        #expect(row.contains(" up ") && row.contains(" 2 GiB ") && row.contains("eu1.example.com:443 (Frankfurt)"), "\(row)")
        let json = try CLI.run(["fleet", "--spec", dir.file("spec"), "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        #expect(nodes.map { $0["health"] as? String } == ["up", "down", "unknown"])
        #expect(nodes.map { $0["served"] as? Int } == [2, 1, nil])
        #expect(nodes.first?["traffic_bytes"] as? String == "2147483648")
        // eu-2 is down: placement puts its placed users elsewhere.
        let placed = nodes.compactMap { $0["placed"] as? Int }
        #expect(placed[1] == 1, "only carol, who is on every node, stays on the down node: \(placed)")
        let strict = try CLI.run(["fleet", "--spec", dir.file("spec"), "--detailed-exitcode"])
        #expect(strict.status == 3)
    }

    @Test func aStatusFileCannotDriveTheTerminalNorKeepANodeUpFromTheFuture() throws {
        let dir = try Scratch()
        try dir.write("spec/users.yaml", Self.spec)
        let hostile = Self.status("eu-1", heartbeat: Date(), users: ["alice"])
            .replacingOccurrences(of: "users:\n", with: "warnings:\n  - \"\\u001b]0;owned\\u0007 \\\"quoted\\\" back\\\\slash \\u2028\"\nusers:\n")
        try dir.write("spec/status/eu-1.yaml", hostile)
        try dir.write("spec/status/eu-2.yaml", Self.status("eu-2", heartbeat: Date().addingTimeInterval(86_400 * 365), users: ["carol"]))
        let text = try CLI.run(["fleet", "--spec", dir.file("spec")])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(!text.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "no control character reaches the terminal")
        #expect(text.stdout.contains("eu-1: ?]0;owned? \"quoted\" back\\slash"), "\(text.stdout)")
        let row = try #require(text.stdout.split(separator: "\n").first { $0.hasPrefix("eu-2 ") })
        #expect(row.contains(" down "), "a heartbeat a year ahead is not taken: \(row)")
        #expect(text.stdout.contains("eu-2: its heartbeat is more than fleet.down_after ahead of this clock"))
        let json = try CLI.run(["fleet", "--spec", dir.file("spec"), "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json.stdout)")
        let problems = (object["nodes"] as? [[String: Any]])?.first?["problems"] as? [String]
        #expect(problems == ["\u{1b}]0;owned\u{07} \"quoted\" back\\slash \u{2028}"], "JSON keeps the text exactly")
    }

    @Test func aSpecWithoutNodesIsNotAFleet() throws {
        let result = try CLI.run(["fleet", "--spec", "examples"])
        #expect(result.status == 1 && result.stderr.contains("no `nodes:` section"))
    }
}
