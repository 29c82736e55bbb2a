/// The lines of a config as offsets into its bytes, grouped by table.
struct ConfigLines {
    let bytes: [UInt8]
    private var starts: [Int] = []
    private var ends: [Int] = []
    /// The ranges of lines that start at a table header (`[…]`), the first one at line 0.
    private(set) var sections: [Range<Int>] = []
    /// Whether each section is `[access.users]`, whose values are secrets.
    private var secret: [Bool] = []

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            starts.append(start)
            ends.append(index)
            start = index + 1
        }
        starts.append(start)
        ends.append(bytes.count)
        var heads = [0]
        for index in 1..<count where trimmed(index).first == UInt8(ascii: "[") { heads.append(index) }
        sections = heads.indices.map { heads[$0]..<($0 + 1 < heads.count ? heads[$0 + 1] : count) }
        secret = heads.map { Self.tableName(trimmed($0)) == "access.users" }
    }

    /// A header's table name without spaces or quotes: `[ access . "users" ]` is `access.users`.
    static func tableName(_ header: ArraySlice<UInt8>) -> String? {
        guard header.first == UInt8(ascii: "[") else { return nil }
        let name = header.prefix { $0 != UInt8(ascii: "]") }.dropFirst()
            .filter { $0 != 0x20 && $0 != 0x09 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "'") }
        return String(decoding: name, as: UTF8.self)
    }

    var count: Int { starts.count }

    func line(_ index: Int) -> ArraySlice<UInt8> { bytes[starts[index]..<ends[index]] }

    private func trimmed(_ index: Int) -> ArraySlice<UInt8> { line(index).drop { $0 == 0x20 || $0 == 0x09 } }

    /// The line as printed: in `[access.users]` everything after `=` becomes `"<secret>"`, and
    /// anywhere a run of 32 or more hex digits (a secret written some other way: a dotted key, an
    /// inline table, a comment, a multi-line string) becomes `<secret>`.
    func masked(_ index: Int) -> String {
        let line = line(index)
        let text = trimmed(index)
        if text.first != UInt8(ascii: "#"), text.first != UInt8(ascii: "["), let equals = line.firstIndex(of: UInt8(ascii: "=")), isSecret(index) {
            return Self.maskingHex(line[..<equals]) + "= \"<secret>\""
        }
        return Self.maskingHex(line)
    }

    /// `text` with every run of 32 or more hex digits replaced by `<secret>`.
    static func maskingHex(_ text: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = [], run: [UInt8] = []
        func flush() {
            out += run.count >= 32 ? Array("<secret>".utf8) : run
            run.removeAll(keepingCapacity: true)
        }
        for byte in text {
            let hex = (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
            if hex { run.append(byte) } else { flush(); out.append(byte) }
        }
        flush()
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the line lies in `[access.users]` (binary search over the sections).
    private func isSecret(_ index: Int) -> Bool {
        var low = 0, high = sections.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if sections[middle].lowerBound <= index { low = middle } else { high = middle - 1 }
        }
        return secret[low]
    }
}
