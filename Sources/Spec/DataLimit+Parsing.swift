extension DataLimit {
    /// The units of a size and their multipliers: SI (×1000) and binary (×1024).
    static let units: [(name: String, multiplier: UInt64)] = [
        ("B", 1),
        ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("TB", 1_000_000_000_000),
        ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("TiB", 1 << 40),
    ]

    /// Parses `unlimited`, `1024`, `50 GiB`, `1.5GB`; a fraction of a byte is rounded to the nearest byte,
    /// except that a number that is not zero is never rounded down to 0 bytes (`0.1 B` is 1 byte).
    init(parsing text: String) throws(ValueProblem) {
        let trimmed = text.trimmingSpaces
        if trimmed == "unlimited" {
            self = .unlimited
            return
        }
        let isNumeric: (UInt8) -> Bool = { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: ".") }
        let numberEnd = trimmed.utf8.firstIndex { !isNumeric($0) } ?? trimmed.endIndex
        let number = trimmed[..<numberEnd]
        let unit = trimmed[numberEnd...].trimmingSpaces
        guard !number.isEmpty else {
            throw ValueProblem("`\(text.clipped)` is not a size", hint: "write a number and a unit, like `50 GiB`, or `unlimited`")
        }
        let multiplier = try Self.multiplier(of: unit)
        self = .bytes(try Self.bytes(number: number, multiplier: multiplier, text: text))
    }

    private static func multiplier(of unit: Substring) throws(ValueProblem) -> UInt64 {
        if unit.isEmpty { return 1 }
        if let match = units.first(where: { $0.name == unit }) { return match.multiplier }
        let names = units.map(\.name)
        let caseMatch = names.first { $0.lowercased() == unit.lowercased() }
        let hint = caseMatch.map { "did you mean `\($0)`?" } ?? "use one of \(names.joined(separator: ", "))"
        throw ValueProblem("unknown size unit `\(String(unit).clipped)`", hint: hint)
    }

    private static func bytes(number: Substring, multiplier: UInt64, text: String) throws(ValueProblem) -> UInt64 {
        func tooLarge() -> ValueProblem {
            ValueProblem("`\(text.clipped)` is too large", hint: "the largest size is \(UInt64.max) bytes; use `unlimited`")
        }
        let dot = number.utf8.firstIndex(of: UInt8(ascii: "."))
        let wholeDigits = number[..<(dot ?? number.endIndex)]
        let fractionPart = dot.map { number[number.utf8.index(after: $0)...] }
        guard !wholeDigits.isEmpty, fractionPart.map({ !$0.isEmpty && !$0.contains(".") }) ?? true else {
            throw ValueProblem("`\(text.clipped)` is not a size", hint: "write a number like `50` or `1.5` before the unit")
        }
        guard let whole = UInt64(wholeDigits) else { throw tooLarge() }
        let (scaled, overflowed) = whole.multipliedReportingOverflow(by: multiplier)
        guard !overflowed else { throw tooLarge() }
        guard let fractionPart else { return scaled }
        let fractionDigits = fractionPart.prefix(12)
        guard let fraction = UInt64(fractionDigits) else { throw ValueProblem("`\(text.clipped)` is not a size") }
        var scale: UInt64 = 1
        for _ in fractionDigits.utf8 { scale *= 10 }
        // fraction × multiplier / scale, rounded half up; the quotient is below `multiplier`.
        let product = fraction.multipliedFullWidth(by: multiplier)
        let (quotient, remainder) = scale.dividingFullWidth(product)
        var rounded = quotient + (remainder >= scale - remainder ? 1 : 0)
        if scaled == 0, rounded == 0, fraction > 0 { rounded = 1 }
        let (total, totalOverflow) = scaled.addingReportingOverflow(rounded)
        guard !totalOverflow else { throw tooLarge() }
        return total
    }
}
