extension JSONScanner {
    /// The raw bytes of a validated string, between its quotes.
    struct RawString {
        var start: Int
        var end: Int
        /// Whether the string has `\` escapes (otherwise the raw bytes are its UTF-8).
        var escaped: Bool
    }

    /// Reads a string.
    mutating func readString() throws(JSONScanError) -> String {
        skipWhitespace()
        let raw = try scanString()
        return decode(raw)
    }

    /// Reads a member name (the scanner is at its opening quote).
    mutating func readKey() throws(JSONScanError) -> JSONKey {
        let raw = try scanString()
        return JSONKey(bytes: UnsafeBufferPointer(rebasing: bytes[raw.start..<raw.end]), escaped: raw.escaped)
    }

    /// Validates the string at the scanner (escapes, UTF-8, no raw control characters, the length
    /// limit) and moves past its closing quote.
    mutating func scanString() throws(JSONScanError) -> RawString {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure(expected: "a string") }
        index += 1
        let start = index
        var escaped = false
        while true {
            while index < bytes.count {
                let byte = bytes[index]
                guard byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") else { break }
                index += 1
            }
            guard index - start <= limits.maxStringBytes else {
                throw failure(expected: "a string of at most \(limits.maxStringBytes) bytes", found: "a longer one", at: start - 1)
            }
            guard index < bytes.count else { throw failure(expected: "the closing '\"' of a string") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return RawString(start: start, end: index - 1, escaped: escaped)
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
                try scanEscape()
            } else if byte < 0x20 {
                throw failure(expected: "an escaped control character in a string", found: "a raw control character")
            } else {
                try scanUTF8Sequence()
            }
        }
    }

    /// Validates one escape (the scanner is at its `\`).
    private mutating func scanEscape() throws(JSONScanError) {
        guard index + 1 < bytes.count else { throw failure(expected: "an escape", at: index + 1) }
        switch bytes[index + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
             UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            index += 2
        case UInt8(ascii: "u"):
            let first = try hexEscape(at: index)
            index += 6
            if (0xDC00...0xDFFF).contains(first) {
                throw failure(expected: "a high surrogate before a low one", found: "a lone low surrogate", at: index - 6)
            }
            guard (0xD800...0xDBFF).contains(first) else { return }
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
                  (0xDC00...0xDFFF).contains(try hexEscape(at: index))
            else { throw failure(expected: "a low surrogate escape after a high one", found: "something else") }
            index += 6
        default:
            throw failure(expected: "one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u", found: "an invalid escape", at: index)
        }
    }

    /// The code unit of the `\u` escape (four hex digits) at `offset`.
    private func hexEscape(at offset: Int) throws(JSONScanError) -> UInt32 {
        guard offset + 6 <= bytes.count else { throw failure(expected: "four hex digits after \\u", at: bytes.count) }
        var value: UInt32 = 0
        for position in offset + 2..<offset + 6 {
            guard let digit = Self.hexValue(bytes[position]) else {
                throw failure(expected: "four hex digits after \\u", found: "a non-hex character", at: position)
            }
            value = value << 4 | digit
        }
        return value
    }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// Validates one multi-byte UTF-8 sequence (no overlong forms, surrogates or values above U+10FFFF).
    private mutating func scanUTF8Sequence() throws(JSONScanError) {
        let lead = bytes[index]
        let (length, secondRange): (Int, ClosedRange<UInt8>) = switch lead {
        case 0xC2...0xDF: (2, 0x80...0xBF)
        case 0xE0: (3, 0xA0...0xBF)
        case 0xED: (3, 0x80...0x9F)
        case 0xE1...0xEF: (3, 0x80...0xBF)
        case 0xF0: (4, 0x90...0xBF)
        case 0xF1...0xF3: (4, 0x80...0xBF)
        case 0xF4: (4, 0x80...0x8F)
        default: (0, 0x80...0xBF)
        }
        guard length > 0, index + length <= bytes.count, secondRange.contains(bytes[index + 1]) else {
            throw failure(expected: "valid UTF-8 in a string", found: "an invalid byte sequence")
        }
        for offset in 2..<max(2, length) where !(0x80...0xBF).contains(bytes[index + offset]) {
            throw failure(expected: "valid UTF-8 in a string", found: "an invalid byte sequence")
        }
        index += length
    }

    /// The text of a validated string.
    func decode(_ raw: RawString) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[raw.start..<raw.end])
        return raw.escaped ? Self.unescape(slice) : String(decoding: slice, as: UTF8.self)
    }

    /// Decodes the escapes of validated string contents.
    static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                index += 1
                continue
            }
            let escape = raw[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hexUnit(raw, at: index)
                index += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (hexUnit(raw, at: index + 2) - 0xDC00)
                    index += 6
                }
                output.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
            default: output.append(escape)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexUnit(_ raw: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt32 {
        (offset..<offset + 4).reduce(0) { $0 << 4 | (hexValue(raw[$1]) ?? 0) }
    }
}
