extension JSONScanner {
    /// A number validated against the JSON grammar.
    struct NumberToken {
        /// The offset of its first byte (the sign, if any).
        var start: Int
        var end: Int
        var negative: Bool
        /// Whether it has a fraction or an exponent.
        var hasFractionOrExponent: Bool
    }

    /// Reads a non-negative integer exactly, from its digits (never through `Double`): up to
    /// 2^64−1. A sign, fraction, exponent or larger value is an error, even `1e19` or `5.0`.
    mutating func readUInt64() throws(JSONScanError) -> UInt64 {
        skipWhitespace()
        let token = try scanNumber()
        guard !token.negative else {
            throw failure(expected: "a non-negative integer", found: "a negative number", at: token.start)
        }
        guard !token.hasFractionOrExponent else {
            throw failure(expected: "an integer without fraction or exponent", found: "a fraction or exponent", at: token.start)
        }
        var value: UInt64 = 0
        for position in token.start..<token.end {
            let (product, overflowMultiply) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowAdd) = product.addingReportingOverflow(UInt64(bytes[position] &- UInt8(ascii: "0")))
            guard !overflowMultiply, !overflowAdd else {
                throw failure(expected: "an integer of at most 18446744073709551615", found: "a larger one", at: token.start)
            }
            value = sum
        }
        return value
    }

    /// Reads a finite number as a `Double`.
    mutating func readDouble() throws(JSONScanError) -> Double {
        skipWhitespace()
        let token = try scanNumber()
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw failure(expected: "a number within the range of a double", found: "a larger one", at: token.start)
        }
        return value
    }

    /// Validates `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` and moves past it.
    mutating func scanNumber() throws(JSONScanError) -> NumberToken {
        let start = index
        let negative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw failure(expected: "a digit") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) {
                throw failure(expected: "no leading zero in a number", found: "a digit")
            }
        } else {
            skipDigits()
        }
        var hasFractionOrExponent = false
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            hasFractionOrExponent = true
            index += 1
            try requireDigits(after: "'.'")
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            hasFractionOrExponent = true
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            try requireDigits(after: "an exponent")
        }
        return NumberToken(start: start, end: index, negative: negative, hasFractionOrExponent: hasFractionOrExponent)
    }

    private mutating func requireDigits(after what: String) throws(JSONScanError) {
        guard index < bytes.count, isDigit(bytes[index]) else { throw failure(expected: "a digit after \(what)") }
        skipDigits()
    }

    @inline(__always)
    private mutating func skipDigits() {
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }
}
