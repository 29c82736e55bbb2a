import Foundation
import Testing

/// `links --all`: every user's links as text, JSON, or one QR file per user.
@Suite struct LinksAllTests {
    private func setUp() throws -> Scratch {
        let dir = try Scratch()
        _ = try CLI.run(["keygen", "--out", dir.file("k")])
        try dir.write("users.yaml", "version: 1\nproxy: { host: p.example.com }\nusers:\n  alice: {}\n  bob: { disabled: true }\n")
        return dir
    }

    @Test func textNamesEachUser() throws {
        let dir = try setUp()
        let result = try CLI.run(["links", "--all", "--key", dir.file("k")], in: dir.path)
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("alice: tg://proxy?server=p.example.com&port=443&secret="))
        #expect(lines[3].hasPrefix("bob: https://t.me/proxy?server=p.example.com"))
        #expect(result.stderr == "warning: 'bob' is disabled or expired in the spec; the link will not connect until that changes\n")
    }

    @Test func jsonListsEveryUserWithWarnings() throws {
        let dir = try setUp()
        let result = try CLI.run(["links", "--all", "--json", "--key", dir.file("k")], in: dir.path)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(entries.map { $0["user"] as? String } == ["alice", "bob"])
        #expect((entries[0]["tg"] as? String)?.hasPrefix("tg://proxy?") == true)
        #expect((entries[1]["warnings"] as? [String])?.count == 1)
    }

    @Test func qrFilesGoIntoTheDirectoryOnePerUser() throws {
        let dir = try setUp()
        let result = try CLI.run(["links", "--all", "--qr", "png", "--output", "qr", "--key", dir.file("k")], in: dir.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.hasSuffix("wrote 2 QR codes into qr (mode 0600: they hold the users' secrets)\n"))
        #expect(dir.mode("qr/alice.png") == 0o600)
        let size = try FileManager.default.attributesOfItem(atPath: dir.file("qr/bob.png"))[.size] as? Int ?? 0
        #expect(size > 0 && size < 8_000)
    }

    @Test func aUserAndAllAreExclusive() throws {
        let result = try CLI.run(["links", "alice", "--all"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("error: give a user or --all, not both\n"))
    }
}
