extension SpecDuration {
    /// Duration units and their length in seconds.
    static let units: [(name: Character, seconds: Int64)] = [
        ("s", 1), ("m", 60), ("h", 3_600), ("d", 86_400), ("w", 604_800),
    ]

    /// Parses a positive whole number followed by one unit: `45s`, `90m`, `12h`, `30d`, `2w`.
    init(parsing text: String) throws(ValueProblem) {
        let trimmed = text.trimmingSpaces
        let hint = "write a whole number and one unit of s, m, h, d or w, like `30d`"
        guard let unitCharacter = trimmed.last, let unit = Self.units.first(where: { $0.name == unitCharacter }) else {
            throw ValueProblem("`\(text.clipped)` is not a duration", hint: hint)
        }
        let digits = trimmed.dropLast().trimmingSpaces
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw ValueProblem("`\(text.clipped)` is not a duration", hint: hint)
        }
        guard let count = Int64(digits) else {
            throw ValueProblem("`\(text.clipped)` is too long a duration", hint: "use at most 100 years")
        }
        guard count > 0 else { throw ValueProblem("a duration must be positive", hint: hint) }
        let (seconds, overflow) = count.multipliedReportingOverflow(by: unit.seconds)
        guard !overflow, seconds <= Self.maximumSeconds else {
            throw ValueProblem("`\(text.clipped)` is too long a duration", hint: "use at most 100 years")
        }
        self.init(seconds: seconds)
    }

    /// About 100 years: longer durations are surely mistakes.
    static let maximumSeconds: Int64 = 100 * 366 * 86_400
}
