import Foundation
import Testing
@testable import TelemtRender

@Suite struct QRCodeTests {
    let link = "tg://proxy?server=proxy.example.com&port=443&secret=ee0123456789abcdef0123456789abcdef7777772e6578616d706c652e636f6d"

    @Test func pngDecodesBackToTheExactLink() throws {
        let zbar = try #require(TestProcess.which("zbarimg"), "zbarimg is installed by scripts/setup.sh")
        let dir = try TemporaryDirectory()
        let code = try QRCode(encoding: link)
        try Data(code.png(scale: 4)).write(to: URL(fileURLWithPath: dir.file("qr.png")))
        let result = try TestProcess.run(zbar, ["--quiet", "--raw", dir.file("qr.png")])
        #expect(result.status == 0)
        #expect(result.output.trimmingCharacters(in: .newlines) == link)
    }

    @Test func svgHasOneSquarePerDarkModuleAndTheQuietZone() throws {
        let code = try QRCode(encoding: link)
        let svg = code.svg(scale: 5)
        let dark = code.modules.filter { $0 }.count
        #expect(svg.components(separatedBy: "h1v1h-1z").count - 1 == dark)
        let extent = code.size + 2 * QRCode.quietZone
        #expect(svg.contains("viewBox=\"0 0 \(extent) \(extent)\""))
        #expect(svg.contains("width=\"\(extent * 5)\""))
    }

    @Test func terminalTextPacksTwoRowsPerLine() throws {
        let code = try QRCode(encoding: "hello")
        let lines = code.terminalText().split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == (code.size + 4 + 1) / 2)
        #expect(lines.allSatisfy { $0.count == code.size + 4 })
        // The finder pattern's top-left module is dark: drawn as a gap on a dark-background terminal.
        let firstSymbolLine = Array(lines[1])
        #expect(firstSymbolLine[2] != "█")
    }

    @Test func pngIsAWellFormedFile() throws {
        let png = try QRCode(encoding: "x").png(scale: 2)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
        // The IEND chunk and its well-known CRC close every PNG file.
        #expect(Array(png.suffix(8)) == [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82])
    }

    @Test func tooLongTextIsAnError() {
        #expect(throws: QRCodeError.self) { try QRCode(encoding: String(repeating: "a", count: 5000)) }
    }
}
