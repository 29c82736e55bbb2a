extension TOMLParser {
    /// Bytes that may continue a number or date token.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        TOMLEncoding.isBareKeyByte(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: ":")
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// A number, `inf`/`nan` or a date/time starting at `pos`.
    mutating func parseNumberOrDate() throws(TOMLParseError) -> TOMLValue {
        if looksLikeDate() || looksLikeTime() { return .dateTime(try parseDateTime()) }
        let start = pos
        while pos < bytes.count, Self.isTokenByte(bytes[pos]) { pos += 1 }
        let token = UnsafeBufferPointer(rebasing: bytes[start..<pos])
        if let integer = try parseInteger(token, at: start) { return .integer(integer) }
        if let float = parseFloat(token) { return .float(float) }
        // The token itself is not echoed: in a config it may be an unquoted secret.
        throw error(.invalidNumber, at: start, "this \(pos - start)-character value is not a number, boolean or date",
                    "write a number (1_000, 0x1F, 1.5e3), true/false, a date, or quote the text")
    }

    private func looksLikeDate() -> Bool {
        pos + 4 < bytes.count && bytes[pos + 4] == UInt8(ascii: "-")
            && (0..<4).allSatisfy { Self.isDigit(bytes[pos + $0]) }
    }

    private func looksLikeTime() -> Bool {
        pos + 2 < bytes.count && bytes[pos + 2] == UInt8(ascii: ":")
            && Self.isDigit(bytes[pos]) && Self.isDigit(bytes[pos + 1])
    }

    /// An integer token, or `nil` if the token is not integer-shaped (it may be a float).
    private func parseInteger(_ token: UnsafeBufferPointer<UInt8>, at start: Int) throws(TOMLParseError) -> Int64? {
        var index = 0
        var negative = false
        if let first = token.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        var radix: Int64 = 10
        if token.count - index > 2, token[index] == UInt8(ascii: "0") {
            switch token[index + 1] {
            case UInt8(ascii: "x"): radix = 16
            case UInt8(ascii: "o"): radix = 8
            case UInt8(ascii: "b"): radix = 2
            default: break
            }
            if radix != 10 {
                if index > 0 { return nil }
                index += 2
            }
        }
        let digits = UnsafeBufferPointer(rebasing: token[index...])
        guard let magnitude = try digitsValue(digits, radix: radix, negative: negative, at: start) else { return nil }
        if radix == 10, digits.count > 1, digits[0] == UInt8(ascii: "0") {
            throw error(.invalidNumber, at: start, "integer has a leading zero", "remove the leading zeros, or use 0o for octal")
        }
        return magnitude
    }

    /// Digits with single underscores between them; `nil` if any byte is not a digit of `radix`.
    private func digitsValue(
        _ digits: UnsafeBufferPointer<UInt8>, radix: Int64, negative: Bool, at start: Int
    ) throws(TOMLParseError) -> Int64? {
        guard let first = digits.first, first != UInt8(ascii: "_"), digits.last != UInt8(ascii: "_") else { return nil }
        var value: Int64 = 0
        var previousUnderscore = false
        for byte in digits {
            if byte == UInt8(ascii: "_") {
                if previousUnderscore { return nil }
                previousUnderscore = true
                continue
            }
            previousUnderscore = false
            guard let digit = Self.hexValue(byte), Int64(digit) < radix else { return nil }
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: radix)
            let (next, overflow2) = negative
                ? shifted.subtractingReportingOverflow(Int64(digit))
                : shifted.addingReportingOverflow(Int64(digit))
            if overflow1 || overflow2 {
                throw error(.integerOverflow, at: start, "integer does not fit in 64 bits", "use a value between -2^63 and 2^63-1")
            }
            value = next
        }
        return value
    }

    /// A float token per TOML 1.0 (`1.5`, `-2e10`, `6.626e-34`, `inf`, `-nan`), else `nil`.
    private func parseFloat(_ token: UnsafeBufferPointer<UInt8>) -> Double? {
        var text = String(decoding: token, as: UTF8.self)
        var body = Substring(text)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        if body == "inf" { return text.hasPrefix("-") ? -.infinity : .infinity }
        if body == "nan" { return .nan }
        guard Self.isFloatShape(Array(body.utf8)) else { return nil }
        text.removeAll { $0 == "_" }
        return Double(text)
    }

    /// `int-part (frac [exp] | exp)` without the sign; underscores only between digits.
    private static func isFloatShape(_ body: [UInt8]) -> Bool {
        func digitRun(_ from: Int) -> Int? {
            var index = from
            guard index < body.count, isDigit(body[index]) else { return nil }
            while index < body.count {
                if isDigit(body[index]) {
                    index += 1
                } else if body[index] == UInt8(ascii: "_"), index + 1 < body.count, isDigit(body[index + 1]) {
                    index += 1
                } else {
                    break
                }
            }
            return index
        }
        guard var index = digitRun(0) else { return false }
        if index > 1, body[0] == UInt8(ascii: "0") { return false }
        var sawFraction = false
        if index < body.count, body[index] == UInt8(ascii: ".") {
            guard let end = digitRun(index + 1) else { return false }
            index = end
            sawFraction = true
        }
        if index < body.count, body[index] == UInt8(ascii: "e") || body[index] == UInt8(ascii: "E") {
            index += 1
            if index < body.count, body[index] == UInt8(ascii: "+") || body[index] == UInt8(ascii: "-") { index += 1 }
            guard let end = digitRun(index) else { return false }
            return end == body.count
        }
        return sawFraction && index == body.count
    }
}
