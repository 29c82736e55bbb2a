extension LineCursor {
    /// Reads text with backslash escapes: a label value up to its closing quote (`\\`, `\"`, `\n`),
    /// or a HELP docstring up to the end of the line (`\\`, `\n`).
    mutating func readEscapedText(untilQuote: Bool) throws(PrometheusParseError) -> String {
        let start = position
        var unescaped: [UInt8]?
        var runStart = position
        while position < end {
            let byte = bytes[position]
            if untilQuote, byte == UInt8(ascii: "\"") {
                let text = finish(&unescaped, runStart: runStart, start: start)
                position += 1
                return text
            }
            guard byte == UInt8(ascii: "\\") else {
                position += 1
                continue
            }
            guard position + 1 < end, let replacement = Self.escaped(bytes[position + 1], quotes: untilQuote) else {
                throw failure(.invalidEscape)
            }
            var buffer = unescaped ?? []
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
            buffer.append(replacement)
            unescaped = buffer
            position += 2
            runStart = position
        }
        guard !untilQuote else { throw failure(.unterminatedLabelValue, at: start - 1) }
        return finish(&unescaped, runStart: runStart, start: start)
    }

    private func finish(_ unescaped: inout [UInt8]?, runStart: Int, start: Int) -> String {
        guard var buffer = unescaped else { return string(start..<position) }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
        return String(decoding: buffer, as: UTF8.self)
    }

    private static func escaped(_ byte: UInt8, quotes: Bool) -> UInt8? {
        switch byte {
        case UInt8(ascii: "\\"): UInt8(ascii: "\\")
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "\""): quotes ? UInt8(ascii: "\"") : nil
        default: nil
        }
    }
}
