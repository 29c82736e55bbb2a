/// A large `users.yaml` cut at user boundaries into several documents that parse exactly as the
/// whole file does: the first keeps everything up to the cut, each other one is `version: 1` and
/// `users:` followed by its users, padded with empty lines so that every line keeps its number (and
/// every diagnostic its position). A file whose one user changed then parses one piece again (the
/// pieces are kept by content in ``SpecParseCache``) instead of 100,000 users.
///
/// Only the plain layout is cut: `users:` at the top level, the last section of the file, block
/// style, one user per key at one indentation, no anchors, aliases, merge keys or document markers.
/// Anything else is parsed whole.
enum SpecChunks {
    /// Files smaller than this are parsed whole.
    static let minimumSize = 1 << 20
    /// Users per piece.
    static let usersPerChunk = 4_096

    /// The pieces of `source`, or nil when it is parsed whole.
    static func split(_ source: SpecSource) -> [SpecSource]? {
        let bytes = source.bytes
        guard bytes.count >= minimumSize, !bytes.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "*") }) else { return nil }
        let lines = lineStarts(bytes)
        guard let starts = userStarts(bytes, lines: lines), starts.count >= 2 * usersPerChunk else { return nil }
        let cuts = stride(from: usersPerChunk, to: starts.count, by: usersPerChunk).map { starts[$0] }
        let bounds = [0] + cuts.map { lines[$0] } + [bytes.count]
        return bounds.indices.dropLast().map { index in
            let body = bytes[bounds[index]..<bounds[index + 1]]
            guard index > 0 else { return SpecSource(path: source.path, bytes: Array(body)) }
            let line = cuts[index - 1]
            let head = Array("version: 1\n".utf8) + [UInt8](repeating: 0x0A, count: line - 2) + Array("users:\n".utf8)
            return SpecSource(path: source.path, bytes: head + body)
        }
    }

    /// The offset of each line's first byte.
    private static func lineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == 0x0A && index + 1 < bytes.count { starts.append(index + 1) }
        return starts
    }

    /// The line numbers (0-based) where users start, or nil when the layout is not the plain one.
    private static func userStarts(_ bytes: [UInt8], lines: [Int]) -> [Int]? {
        let text = { (line: Int) -> ArraySlice<UInt8> in
            bytes[lines[line]..<(line + 1 < lines.count ? lines[line + 1] - 1 : bytes.count)]
        }
        guard let header = lines.indices.first(where: { isUsersHeader(text($0)) }), header >= 1 else { return nil }
        var indent: Int?, starts: [Int] = []
        for line in (header + 1)..<lines.count {
            let content = text(line)
            let spaces = content.prefix { $0 == 0x20 }.count
            guard let first = content.dropFirst(spaces).first, first != UInt8(ascii: "#") else { continue }
            guard spaces > 0, first != 0x09, !content.starts(with: "---".utf8), !content.starts(with: "...".utf8) else { return nil }
            if indent == nil { indent = spaces }
            guard let indent, spaces >= indent else { return nil }
            if spaces == indent, isKeyStart(first) { starts.append(line) }
        }
        return starts
    }

    private static func isUsersHeader(_ line: ArraySlice<UInt8>) -> Bool {
        guard line.starts(with: "users:".utf8) else { return false }
        return line.dropFirst(6).allSatisfy { $0 == 0x20 || $0 == 0x0D }
    }

    private static func isKeyStart(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
