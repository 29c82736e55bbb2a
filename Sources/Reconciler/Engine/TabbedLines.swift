/// Lines of tab-separated fields, for the engine's own state files: `%`, tab, CR and LF inside a
/// field are written as `%25`, `%09`, `%0D`, `%0A`, so any text survives the round trip.
struct TabbedLines {
    private(set) var bytes: [UInt8] = []

    /// Appends one line of `fields`.
    mutating func line(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(0x09) }
            guard field.utf8.contains(where: { $0 == 0x25 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
                bytes.append(contentsOf: field.utf8)
                continue
            }
            for byte in field.utf8 {
                switch byte {
                case 0x25, 0x09, 0x0A, 0x0D:
                    bytes += [0x25, Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 0xF)]]
                default:
                    bytes.append(byte)
                }
            }
        }
        bytes.append(0x0A)
    }

    /// The lines of `bytes`, each split into its unescaped fields; an empty last line is dropped.
    static func split(_ bytes: [UInt8]) -> [[String]] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast(bytes.last == 0x0A ? 1 : 0).map { line in
            line.split(separator: 0x09, omittingEmptySubsequences: false).map(unescape)
        }
    }

    private static func unescape(_ field: ArraySlice<UInt8>) -> String {
        guard field.contains(0x25) else { return String(decoding: field, as: UTF8.self) }
        var out: [UInt8] = []
        var index = field.startIndex
        while index < field.endIndex {
            if field[index] == 0x25, index + 2 < field.endIndex, let value = UInt8(String(decoding: field[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                out.append(value)
                index += 3
            } else {
                out.append(field[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let hex = Array("0123456789ABCDEF".utf8)
}
