extension TOMLParser {
    /// Rejects input that is not well-formed UTF-8 (overlongs, surrogates, truncation).
    static func validateUTF8(_ bytes: UnsafeBufferPointer<UInt8>) throws(TOMLParseError) {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index = skipASCII(bytes, from: index + 1)
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: length = 0
            }
            var valid = length > 0 && index + length <= count
            if valid {
                for offset in 1..<length {
                    let byte = bytes[index + offset]
                    let (low, high) = offset == 1 ? (lower, upper) : (UInt8(0x80), UInt8(0xBF))
                    if byte < low || byte > high { valid = false; break }
                }
            }
            guard valid else {
                throw TOMLParseError(
                    code: .invalidUTF8, location: TOMLSourceLocation(offset: index, in: bytes),
                    message: "the file is not valid UTF-8 (byte 0x\(String(lead, radix: 16, uppercase: true)))",
                    hint: "save the file as UTF-8")
            }
            index += length
        }
    }

    /// The first index at or after `start` that is not ASCII, reading eight bytes at a time.
    private static func skipASCII(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        if let base = bytes.baseAddress {
            while index + 8 <= bytes.count,
                  UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
            }
        }
        while index < bytes.count, bytes[index] < 0x80 { index += 1 }
        return index
    }

    /// `"..."`; the opening quote is at `pos`.
    mutating func parseBasicString() throws(TOMLParseError) -> String {
        pos += 1
        let start = pos
        while pos < bytes.count {
            let byte = bytes[pos]
            if byte == UInt8(ascii: "\"") {
                pos += 1
                return string(start..<(pos - 1))
            }
            if byte == UInt8(ascii: "\\") { break }
            try checkStringByte(byte, multiline: false)
            pos += 1
        }
        var buffer = Array(UnsafeBufferPointer(rebasing: bytes[start..<pos]))
        while pos < bytes.count {
            let byte = bytes[pos]
            if byte == UInt8(ascii: "\"") {
                pos += 1
                return String(decoding: buffer, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                try parseEscape(into: &buffer)
                continue
            }
            try checkStringByte(byte, multiline: false)
            buffer.append(byte)
            pos += 1
        }
        throw error(.unterminatedString, at: start - 1, "string is not closed", "add the closing \" on the same line")
    }

    /// `"""..."""`; `pos` is at the first of the three quotes.
    mutating func parseMultilineBasicString() throws(TOMLParseError) -> String {
        let open = pos
        pos += 3
        skipFirstNewline()
        var buffer: [UInt8] = []
        while pos < bytes.count {
            let byte = bytes[pos]
            if byte == UInt8(ascii: "\"") {
                let (run, extra) = try closingQuoteRun(byte)
                buffer.append(contentsOf: repeatElement(byte, count: extra ?? run))
                pos += run
                if extra != nil { return String(decoding: buffer, as: UTF8.self) }
                continue
            }
            if byte == UInt8(ascii: "\\") {
                if try skipLineEndingBackslash() { continue }
                try parseEscape(into: &buffer)
                continue
            }
            try checkStringByte(byte, multiline: true)
            buffer.append(byte)
            pos += 1
        }
        throw error(.unterminatedString, at: open, "multi-line string is not closed", "add the closing \"\"\"")
    }

    /// `'...'`; the opening quote is at `pos`.
    mutating func parseLiteralString() throws(TOMLParseError) -> String {
        pos += 1
        let start = pos
        while pos < bytes.count {
            let byte = bytes[pos]
            if byte == UInt8(ascii: "'") {
                pos += 1
                return string(start..<(pos - 1))
            }
            try checkStringByte(byte, multiline: false)
            pos += 1
        }
        throw error(.unterminatedString, at: start - 1, "literal string is not closed", "add the closing ' on the same line")
    }

    /// `'''...'''`; `pos` is at the first of the three quotes.
    mutating func parseMultilineLiteralString() throws(TOMLParseError) -> String {
        let open = pos
        pos += 3
        skipFirstNewline()
        let start = pos
        while pos < bytes.count {
            let byte = bytes[pos]
            if byte == UInt8(ascii: "'") {
                let contentEnd = pos
                let (run, extra) = try closingQuoteRun(byte)
                pos += run
                if let extra { return string(start..<contentEnd) + String(repeating: "'", count: extra) }
                continue
            }
            try checkStringByte(byte, multiline: true)
            pos += 1
        }
        throw error(.unterminatedString, at: open, "multi-line literal string is not closed", "add the closing '''")
    }

    /// At a run of quotes inside a multi-line string: `nil` if fewer than three (content, the
    /// caller consumes them), else how many of them belong to the content (0–2).
    private func closingQuoteRun(_ quote: UInt8) throws(TOMLParseError) -> (run: Int, extra: Int?) {
        var count = 0
        while pos + count < bytes.count, bytes[pos + count] == quote { count += 1 }
        if count < 3 { return (count, nil) }
        if count > 5 {
            throw error(.unterminatedString, at: pos + 5, "too many quotes close the multi-line string",
                        "escape the quotes inside the string")
        }
        return (count, count - 3)
    }

    private mutating func skipFirstNewline() {
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "\n") {
            pos += 1
        } else if pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\r"), bytes[pos + 1] == UInt8(ascii: "\n") {
            pos += 2
        }
    }

    /// A `\` followed by optional spaces and a newline: trims up to the next non-whitespace.
    private mutating func skipLineEndingBackslash() throws(TOMLParseError) -> Bool {
        var probe = pos + 1
        while probe < bytes.count, bytes[probe] == UInt8(ascii: " ") || bytes[probe] == UInt8(ascii: "\t") { probe += 1 }
        guard probe < bytes.count,
              bytes[probe] == UInt8(ascii: "\n")
                || (bytes[probe] == UInt8(ascii: "\r") && probe + 1 < bytes.count && bytes[probe + 1] == UInt8(ascii: "\n"))
        else { return false }
        pos = probe
        while pos < bytes.count {
            switch bytes[pos] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"): pos += 1
            case UInt8(ascii: "\r") where pos + 1 < bytes.count && bytes[pos + 1] == UInt8(ascii: "\n"): pos += 2
            default: return true
            }
        }
        return true
    }

    private mutating func parseEscape(into buffer: inout [UInt8]) throws(TOMLParseError) {
        let start = pos
        pos += 1
        guard pos < bytes.count else {
            throw error(.invalidEscape, at: start, "string ends inside an escape", "close the string")
        }
        let simple: UInt8? = switch bytes[pos] {
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "t"): 0x09
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "\""): UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): UInt8(ascii: "\\")
        default: nil
        }
        if let simple {
            buffer.append(simple)
            pos += 1
            return
        }
        let digits = bytes[pos] == UInt8(ascii: "u") ? 4 : bytes[pos] == UInt8(ascii: "U") ? 8 : 0
        guard digits > 0 else {
            throw error(.invalidEscape, at: start, "invalid escape \\\(describeByte(at: pos))",
                        "use \\b \\t \\n \\f \\r \\\" \\\\ \\uHHHH or \\UHHHHHHHH (hex digits), or a 'literal string'")
        }
        pos += 1
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard pos < bytes.count, let digit = Self.hexValue(bytes[pos]) else {
                throw error(.invalidEscape, at: start, "\\u and \\U need exactly \(digits) hex digits", "fix the escape")
            }
            value = value << 4 | UInt32(digit)
            pos += 1
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw error(.invalidEscape, at: start, "escape names no Unicode scalar value", "use a code point outside D800–DFFF and ≤ 10FFFF")
        }
        buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private func checkStringByte(_ byte: UInt8, multiline: Bool) throws(TOMLParseError) {
        if byte >= 0x20, byte != 0x7F { return }
        if byte == UInt8(ascii: "\t") { return }
        if multiline {
            if byte == UInt8(ascii: "\n") { return }
            if byte == UInt8(ascii: "\r"), pos + 1 < bytes.count, bytes[pos + 1] == UInt8(ascii: "\n") { return }
        }
        if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
            throw error(.newlineInString, at: pos, "string is not closed before the end of the line",
                        "close the string on the same line, or use a \"\"\"multi-line string\"\"\"")
        }
        throw error(.controlCharacter, at: pos, "control character U+\(hex(byte)) in a string", "escape it, e.g. \\u\(hex(byte))")
    }
}
