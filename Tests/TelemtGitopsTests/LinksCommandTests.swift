import Foundation
import Testing

@Suite struct LinksCommandTests {
    @Test func pngQRCodeDecodesToThePrintedLink() throws {
        let zbar = try #require(["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                "zbarimg comes with scripts/setup.sh")
        let dir = try Scratch()
        _ = try CLI.run(["keygen", "--out", dir.file("k")])
        let result = try CLI.run(["links", "alice", "--spec", "examples", "--key", dir.file("k"), "--qr", "png", "--output", dir.file("a.png")])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let tg = try #require(lines.first)
        #expect(tg.hasPrefix("tg://proxy?server=proxy.example.com&port=443&secret=ee"))
        #expect(lines.dropFirst().first == tg.replacingOccurrences(of: "tg://proxy?", with: "https://t.me/proxy?"))
        #expect(dir.mode("a.png") == 0o600)
        let decoded = try CLI.run(zbar, ["--quiet", "--raw", dir.file("a.png")])
        #expect(decoded.stdout.trimmingCharacters(in: .newlines) == tg)
    }

    /// On the host, `--config` reads what the daemon reads: the repository it tracks and its key.
    @Test func theHostsConfigurationNamesTheRepositoryAndTheKey() throws {
        let dir = try Scratch()
        _ = try CLI.run(["keygen", "--out", dir.file("master.key")])
        let env = CLI.gitEnvironment(ProcessInfo.processInfo.environment)
        for file in ["users.yaml", "telemt.toml"] { try dir.write("work/" + file, try String(contentsOfFile: CLI.root + "/examples/" + file, encoding: .utf8)) }
        for arguments in [["init", "-q", "-b", "main", dir.file("work")], ["-C", dir.file("work"), "add", "."],
                          ["-C", dir.file("work"), "commit", "-qm", "users"]] {
            #expect(try CLI.run("/usr/bin/git", arguments, environment: env).status == 0)
        }
        try dir.write("config.yaml", "node: eu-1\nrepo: { url: \"file://\(dir.file("work"))\" }\nkey: \(dir.file("master.key"))\nstate_dir: \(dir.file("state"))\n")
        let fromConfig = try CLI.run(["links", "carol", "--config", dir.file("config.yaml")])
        #expect(fromConfig.status == 0, "\(fromConfig.stderr)")
        let fromFlags = try CLI.run(["links", "carol", "--spec", "examples", "--key", dir.file("master.key")])
        #expect(fromConfig.stdout == fromFlags.stdout && fromConfig.stdout.contains("secret=ee"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("state/git")), "a running daemon's cache is not touched")
        let both = try CLI.run(["links", "carol", "--config", dir.file("config.yaml"), "--spec", "examples"])
        #expect(both.status == 64 && both.stderr.contains("--config names the repository already"))
    }

    @Test func svgNeedsAnOutputFile() throws {
        let result = try CLI.run(["links", "alice", "--spec", "examples", "--qr", "svg"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--output"))
    }

    @Test func anUnknownUserGetsADidYouMean() throws {
        let dir = try Scratch()
        _ = try CLI.run(["keygen", "--out", dir.file("k")])
        let result = try CLI.run(["links", "alcie", "--spec", "examples", "--key", dir.file("k")])
        #expect(result.status != 0)
        #expect(result.stderr.contains("did you mean 'alice'"))
    }
}
