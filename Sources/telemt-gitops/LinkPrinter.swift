import Foundation
import TelemtRender

/// One user's links and what stands in their way.
struct LinkEntry: Encodable {
    var user: String
    var link: ProxyLink
    var warnings: [String]

    private enum CodingKeys: String, CodingKey { case user, tg, web, warnings }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(user, forKey: .user)
        try container.encode(link.telegramURL, forKey: .tg)
        try container.encode(link.webURL, forKey: .web)
        try container.encode(warnings, forKey: .warnings)
    }
}

/// Prints links as text or JSON and writes their QR codes, for `links`.
struct LinkPrinter {
    var qr: LinksCommand.QRFormat?
    var output: String?
    var json: Bool
    var all: Bool

    func print(_ entries: [LinkEntry]) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = all ? try encoder.encode(entries) : try encoder.encode(entries[0])
            Swift.print(String(decoding: data, as: UTF8.self))
        }
        if all, let output, qr != nil, qr != .terminal {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        }
        for entry in entries {
            if !json {
                Swift.print((all ? "\(entry.user): " : "") + entry.link.telegramURL)
                Swift.print((all ? "\(entry.user): " : "") + entry.link.webURL)
                entry.warnings.forEach { Console.error("warning: \($0)") }
            }
            try writeQR(for: entry)
        }
        if all, let output, let qr, qr != .terminal {
            Console.error("wrote \(entries.count) QR code\(entries.count == 1 ? "" : "s") into \(output) (mode 0600: they hold the users' secrets)")
        }
    }

    private func writeQR(for entry: LinkEntry) throws {
        guard let qr else { return }
        let code = try QRCode(encoding: entry.link.telegramURL)
        let path = all ? output.map { ($0 as NSString).appendingPathComponent("\(entry.user).\(qr.rawValue)") } : output
        switch qr {
        case .terminal:
            if all { Swift.print(entry.user + ":") }
            Swift.print(code.terminalText(), terminator: "")
        case .svg:
            try write(Array(code.svg().utf8), to: path)
        case .png:
            try write(code.png(), to: path)
        }
    }

    private func write(_ bytes: [UInt8], to path: String?) throws {
        guard let path else { return }
        let outcome = try AtomicFileWriter(newFileMode: 0o600).write(bytes, to: path)
        guard !all else { return }
        Console.error(outcome == .written ? "wrote \(path) (mode 0600: it holds the user's secret)" : "\(path) is up to date")
    }
}
