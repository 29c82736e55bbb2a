/// Number syntax of sample values and timestamps, checked before conversion so that only what the
/// format allows is accepted (no hexadecimal floats, no `nan(…)` payloads).
enum SampleValue {
    /// Parses a value: a decimal float with optional exponent, `NaN`, or `[+-]Inf`/`Infinity`
    /// (case-insensitive, as Prometheus's own parser accepts).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
        if range.count <= 18, let integer = plainInteger(bytes, range) { return Double(integer) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        let unsigned = text.hasPrefix("+") || text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        switch unsigned.lowercased() {
        case "inf", "infinity": return text.hasPrefix("-") ? -.infinity : .infinity
        case "nan": return unsigned.count == text.count ? .nan : nil
        default: return isDecimal(Array(unsigned.utf8)) ? Double(text) : nil
        }
    }

    /// Parses a timestamp: an optionally signed integer of milliseconds that fits in 64 bits.
    static func parseTimestamp(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
        guard range.count <= 20 else { return nil }
        return Int64(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
    }

    private static func plainInteger(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64? {
        guard !range.isEmpty else { return nil }
        var value: UInt64 = 0
        for index in range {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + UInt64(digit)
        }
        return value
    }

    /// `digits [. digits] [e [sign] digits]`, with at least one mantissa digit.
    private static func isDecimal(_ text: [UInt8]) -> Bool {
        var index = 0
        var mantissaDigits = 0
        while index < text.count, isDigit(text[index]) { index += 1; mantissaDigits += 1 }
        if index < text.count, text[index] == UInt8(ascii: ".") {
            index += 1
            while index < text.count, isDigit(text[index]) { index += 1; mantissaDigits += 1 }
        }
        guard mantissaDigits > 0 else { return false }
        guard index < text.count else { return true }
        guard text[index] | 0x20 == UInt8(ascii: "e") else { return false }
        index += 1
        if index < text.count, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") { index += 1 }
        let exponentStart = index
        while index < text.count, isDigit(text[index]) { index += 1 }
        return index > exponentStart && index == text.count
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
