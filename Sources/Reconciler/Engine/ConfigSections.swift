/// A `config.toml` split by its table headers into the `[access…]` tables (the users the engine
/// renders) and everything else, line by line, without parsing: enough to tell whether the access
/// tables changed and to parse the settings telemt reads at start without 100,000 user lines.
struct ConfigSections {
    /// The lines of `[access]` and `[access.*]` tables, headers included.
    var access: [ArraySlice<UInt8>] = []
    /// Every other line, newline-terminated, in order.
    var rest: [UInt8] = []

    init(_ bytes: [UInt8]) {
        var inAccess = false
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 }
            if trimmed.first == UInt8(ascii: "[") {
                let name = trimmed.dropFirst().drop { $0 == 0x20 || $0 == 0x09 }
                inAccess = trimmed.dropFirst().first != UInt8(ascii: "[") && Self.isAccess(name)
            }
            if inAccess {
                access.append(line)
            } else {
                rest += line
                rest.append(0x0A)
            }
        }
    }

    private static func isAccess(_ name: ArraySlice<UInt8>) -> Bool {
        guard name.starts(with: "access".utf8) else { return false }
        let next = name.dropFirst(6).first
        return next == UInt8(ascii: "]") || next == UInt8(ascii: ".") || next == 0x20 || next == 0x09
    }
}
