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
