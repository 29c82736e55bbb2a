import Crypto

/// A `config.toml` split by its table headers into the `[access…]` tables (the users the engine
/// renders) and everything else, in one pass over the bytes and without parsing: enough to tell
/// whether the access tables changed (by a digest of their bytes) and to parse the settings telemt
/// reads at start without 100,000 user lines.
struct ConfigSections {
    /// SHA-256 of the `[access]` and `[access.*]` tables, headers included, in order.
    private(set) var accessDigest: [UInt8] = []
    /// Every other line, newline-terminated, in order.
    private(set) var rest: [UInt8] = []

    init(_ bytes: [UInt8]) {
        var hasher = SHA256()
        var inAccess = false
        var lineStart = 0
        while lineStart <= bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            if let header = Self.header(bytes, from: lineStart, to: lineEnd) { inAccess = header }
            if inAccess {
                hasher.update(data: bytes[lineStart..<lineEnd])
                hasher.update(data: [0x0A])
            } else {
                rest += bytes[lineStart..<lineEnd]
                rest.append(0x0A)
            }
            lineStart = lineEnd + 1
        }
        accessDigest = Array(hasher.finalize())
    }

    /// For a table header line, whether it opens an `[access…]` table; nil for any other line.
    private static func header(_ bytes: [UInt8], from start: Int, to end: Int) -> Bool? {
        var index = start
        while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        guard index < end, bytes[index] == UInt8(ascii: "[") else { return nil }
        index += 1
        guard index < end, bytes[index] != UInt8(ascii: "[") else { return false }
        while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        return isAccess(bytes[index..<end])
    }

    private static func isAccess(_ name: ArraySlice<UInt8>) -> Bool {
        guard name.starts(with: "access".utf8) else { return false }
        let next = name.dropFirst(6).first
        return next == UInt8(ascii: "]") || next == UInt8(ascii: ".") || next == 0x20 || next == 0x09
    }
}
