import Foundation
import TelemtRender

/// One user's links and what stands in their way.
struct LinkEntry: Encodable {
    var user: String
    /// The fleet node the link reaches; nil for a spec without `nodes:`.
    var node: String?
    var link: ProxyLink
    var warnings: [String]

    init(user: String, node: String? = nil, link: ProxyLink, warnings: [String]) {
        self.user = user
        self.node = node
        self.link = link
        self.warnings = warnings
    }

    /// `alice`, or `alice@eu-1` in a fleet: how text output and QR file names tell the links apart.
    var label: String { node.map { "\(user)@\($0)" } ?? user }

    private enum CodingKeys: String, CodingKey { case user, node, tg, web, warnings }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(user, forKey: .user)
        try container.encodeIfPresent(node, forKey: .node)
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
            // One user's several fleet links are a list, as --all's are.
            let data = all || entries.count > 1 ? try encoder.encode(entries) : try encoder.encode(entries[0])
            Swift.print(String(decoding: data, as: UTF8.self))
        }
        if all, let output, qr != nil, qr != .terminal {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        }
        var warned: Set<String> = []
        for entry in entries {
            if !json {
                let prefix = all ? "\(entry.label): " : entry.node.map { "\($0): " } ?? ""
                Swift.print(prefix + entry.link.telegramURL)
                Swift.print(prefix + entry.link.webURL)
                entry.warnings.filter { warned.insert(entry.user + $0).inserted }.forEach { Console.error("warning: \($0)") }
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
        let path = all ? output.map { ($0 as NSString).appendingPathComponent("\(entry.label).\(qr.rawValue)") } : output.map { Self.path($0, node: entry.node) }
        switch qr {
        case .terminal:
            if all || entry.node != nil { Swift.print(entry.label + ":") }
            Swift.print(code.terminalText(), terminator: "")
        case .svg:
            try write(Array(code.svg().utf8), to: path)
        case .png:
            try write(code.png(), to: path)
        }
    }

    /// `alice.png` for node `eu-1`: `alice.eu-1.png` (a user's links on several nodes need several files).
    static func path(_ path: String, node: String?) -> String {
        guard let node else { return path }
        let ext = (path as NSString).pathExtension
        return ext.isEmpty ? path + "." + node : (path as NSString).deletingPathExtension + ".\(node).\(ext)"
    }

    private func write(_ bytes: [UInt8], to path: String?) throws {
        guard let path else { return }
        let outcome = try AtomicFileWriter(newFileMode: 0o600).write(bytes, to: path)
        guard !all else { return }
        Console.error(outcome == .written ? "wrote \(path) (mode 0600: it holds the user's secret)" : "\(path) is up to date")
    }
}
