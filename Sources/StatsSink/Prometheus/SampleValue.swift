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

    /// The exact value of a sample written as a non-negative whole number (`123`, `+123`,
    /// `1e19`, `1.5e3`, `18446744073709551615`), or `nil` when the text is not one or does not fit
    /// in 64 bits. Counters are read through this, never through `Double`, which is exact only
    /// up to 2⁵³.
    static func parseInteger(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64? {
        if range.count <= 18, let integer = plainInteger(bytes, range) { return integer }
        guard range.count <= 512 else { return nil }
        var index = range.lowerBound
        if index < range.upperBound, bytes[index] == UInt8(ascii: "+") { index += 1 }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var inFraction = false
        while index < range.upperBound {
            let byte = bytes[index]
            if isDigit(byte) {
                digits.append(byte &- UInt8(ascii: "0"))
                if inFraction { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !inFraction {
                inFraction = true
            } else {
                break
            }
            index += 1
        }
        guard !digits.isEmpty else { return nil }
        var exponent = 0
        if index < range.upperBound {
            guard bytes[index] | 0x20 == UInt8(ascii: "e") else { return nil }
            guard let parsed = exponentValue(bytes, index + 1..<range.upperBound) else { return nil }
            exponent = parsed
        }
        return scaled(digits, by: exponent - fractionDigits)
    }

    /// `[+-]digits` as an exponent, bounded so that no arithmetic can overflow.
    private static func exponentValue(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var index = range.lowerBound
        var negative = false
        if index < range.upperBound, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        guard index < range.upperBound else { return nil }
        var value = 0
        while index < range.upperBound {
            guard isDigit(bytes[index]) else { return nil }
            value = min(value * 10 + Int(bytes[index] &- UInt8(ascii: "0")), 10_000)
            index += 1
        }
        return negative ? -value : value
    }

    /// `digits × 10^exponent` when it is a whole number below 2⁶⁴.
    private static func scaled(_ digits: [UInt8], by exponent: Int) -> UInt64? {
        var digits = digits
        if exponent < 0 {
            let drop = -exponent
            guard drop <= digits.count, digits.suffix(drop).allSatisfy({ $0 == 0 }) else {
                return digits.allSatisfy { $0 == 0 } ? 0 : nil
            }
            digits.removeLast(drop)
        }
        var value: UInt64 = 0
        for digit in digits {
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times.addingReportingOverflow(UInt64(digit))
            guard !overflow, !carry else { return nil }
            value = sum
        }
        guard exponent > 0, value != 0 else { return value }
        for _ in 0..<exponent {
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = times
        }
        return value
    }

    /// Parses a timestamp: an optionally signed integer of milliseconds that fits in 64 bits.
    static func parseTimestamp(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
        guard range.count <= 20 else { return nil }
        return Int64(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
    }

    /// A whole `Double` below 2⁵³ as an integer (exact there); `nil` otherwise. For samples built
    /// in code; parsed samples carry the integer read from their text.
    static func exactInteger(_ value: Double) -> UInt64? {
        guard value.isFinite, value >= 0, value <= 9_007_199_254_740_992, value.rounded(.towardZero) == value else { return nil }
        return UInt64(value)
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
