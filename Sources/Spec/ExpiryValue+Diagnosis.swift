/// Why a date is not one, as precisely as its shape allows, with the date that was likely meant.
extension ExpiryValue {
    /// The problem with `text`, whose first 10 characters are not a valid `YYYY-MM-DD` date.
    static func dateProblem(_ text: String) -> ValueProblem {
        let trimmed = text.trimmingSpaces
        let split = trimmed.firstIndex { $0 == "T" || $0 == "t" || $0 == " " } ?? trimmed.endIndex
        let datePart = String(trimmed[..<split])
        let rest = String(trimmed[split...])
        let parts = datePart.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "." || $0 == "/" }
        let numbers = parts.compactMap { Int($0) }
        let generic = ValueProblem("`\(text.clipped)` is not a date",
                                   hint: "write a date like `2027-01-01` or a timestamp with offset like `2027-01-01T12:00:00+03:00`")
        guard parts.count == 3, numbers.count == 3, parts.allSatisfy({ part in part.allSatisfy(\.isASCII) }) else { return generic }
        let separator = datePart[datePart.index(datePart.startIndex, offsetBy: parts[0].count)]
        if parts[0].count == 4, separator == "-" {
            return yearFirst(text, year: numbers[0], month: numbers[1], day: numbers[2], padded: parts[1].count == 2 && parts[2].count == 2, rest: rest) ?? generic
        }
        if parts[2].count == 4 {
            return yearLast(text, numbers, separator: separator, rest: rest)
        }
        return generic
    }

    private static func yearFirst(_ text: String, year: Int, month: Int, day: Int, padded: Bool, rest: String) -> ValueProblem? {
        let written = "`\(text.clipped)`"
        guard (1...12).contains(month) else {
            let swapped = valid(year, day, month) == nil ? "" : " did you mean \(format(year, day, month, rest)) (year-month-day)?"
            return ValueProblem("\(written) has month \(month)", hint: "months run from 01 to 12;" + swapped)
        }
        let days = daysIn(month: month, year: year)
        guard (1...days).contains(day) else {
            let name = monthNames[month - 1]
            let fact = month == 2 ? "February has \(days) days in \(year)" : "\(name) has \(days) days"
            return ValueProblem("\(written) does not exist: \(day == 0 ? "days start at 01" : fact)",
                                hint: "did you mean \(format(year, month, day == 0 ? 1 : days, rest))?")
        }
        guard padded else {
            return ValueProblem("\(written) is missing zero padding", hint: "write two digits for month and day: \(format(year, month, day, rest))")
        }
        return nil
    }

    /// `01.02.2027`, `13/01/2027`: day-month-year (or month-day-year) order.
    private static func yearLast(_ text: String, _ numbers: [Int], separator: Character, rest: String) -> ValueProblem {
        let (first, second, year) = (numbers[0], numbers[1], numbers[2])
        let dayFirst = valid(year, second, first)
        let monthFirst = valid(year, first, second)
        let message = "`\(text.clipped)` is in day-month order; dates are written year-month-day"
        if separator == ".", let dayFirst {
            return ValueProblem(message, hint: "did you mean \(format(dayFirst, rest))?")
        }
        switch (dayFirst, monthFirst) {
        case let (day?, month?) where day != month:
            return ValueProblem("`\(text.clipped)` is in an ambiguous order; dates are written year-month-day",
                                hint: "write \(format(day, rest)) or \(format(month, rest)), whichever you mean")
        case let (date?, _), let (nil, date?):
            return ValueProblem(message, hint: "did you mean \(format(date, rest))?")
        case (nil, nil):
            return ValueProblem(message, hint: "write it like `2027-01-31`")
        }
    }

    private static func valid(_ year: Int, _ month: Int, _ day: Int) -> (Int, Int, Int)? {
        (1...12).contains(month) && (1...daysIn(month: month, year: year)).contains(day) ? (year, month, day) : nil
    }

    private static func format(_ date: (Int, Int, Int), _ rest: String) -> String {
        format(date.0, date.1, date.2, rest)
    }

    private static func format(_ year: Int, _ month: Int, _ day: Int, _ rest: String) -> String {
        let pad: (Int, Int) -> String = { value, width in
            String(repeating: "0", count: max(0, width - String(value).count)) + String(value)
        }
        return "`\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))\(rest)`"
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]
}
