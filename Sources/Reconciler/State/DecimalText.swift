/// Decimal fractions written without trailing zeros, for the texts of the state machine.
enum DecimalText {
    /// `numerator / 10^places` as a fraction part: `.5` for (5, 1), `.25` for (250, 3), empty for 0.
    static func fraction(_ numerator: UInt64, places: Int) -> String {
        guard numerator > 0 else { return "" }
        var digits = String(numerator)
        digits = String(repeating: "0", count: max(0, places - digits.count)) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "." + digits
    }
}
