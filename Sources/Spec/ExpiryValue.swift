import Foundation

/// An `expire:` value before the spec's time zone is known.
enum ExpiryValue: Hashable {
    /// A date: the user expires at 23:59:59 of that day in the spec's time zone.
    case endOfDay(year: Int, month: Int, day: Int)
    /// A full timestamp with its offset.
    case instant(Date)

    /// The years an expiry may be written in: the renderer writes `[access.user_expirations]` as RFC 3339
    /// UTC times with four-digit years, and before 1970 nobody's access can still be open (Foundation
    /// would also compute dates before 1583 in the Julian calendar).
    static let years = 1970...9999
    /// The first instant an expiry may resolve to (1970-01-01T00:00:00Z).
    static let earliest = Date(timeIntervalSince1970: 0)
    /// The last instant the renderer can write (9999-12-31T23:59:59Z).
    static let latest = Date(timeIntervalSince1970: TimeInterval(epochSeconds(year: 9999, month: 12, day: 31) + 86_399))

    /// Parses `2027-01-01` or RFC 3339 (`2027-01-01T12:00:00Z`, `2027-01-01 12:00:00.5+03:00`).
    init(parsing text: String) throws(ValueProblem) {
        let bytes = Array(text.trimmingSpaces.utf8)
        let hint = "write a date like `2027-01-01` or a timestamp with offset like `2027-01-01T12:00:00+03:00`"
        guard bytes.count >= 10, let date = Self.date(bytes[0..<10]) else { throw Self.dateProblem(text) }
        guard Self.years.contains(date.year) else {
            throw Self.outOfRange(text, "its year \(date.year) is outside \(Self.years.lowerBound) to \(Self.years.upperBound)")
        }
        guard bytes.count > 10 else {
            self = .endOfDay(year: date.year, month: date.month, day: date.day)
            return
        }
        guard [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(bytes[10]) else {
            throw ValueProblem("`\(text.clipped)` is not a date", hint: hint)
        }
        let instant = try Self.instant(date: date, rest: bytes[11...], text: text)
        guard instant >= Self.earliest, instant < Self.latest.addingTimeInterval(1) else {
            throw Self.outOfRange(text, "in UTC it is \(instant < Self.earliest ? "before 1970" : "after 9999")")
        }
        self = .instant(instant)
    }

    private static func outOfRange(_ text: String, _ reason: String) -> ValueProblem {
        ValueProblem("`\(text.clipped)` cannot be an expiry: \(reason)",
                     hint: "write a time from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z "
                        + "(telemt reads expiries as RFC 3339 UTC times), or remove `expire`")
    }

    /// The instant the user expires, resolved in the time zone of `calendar` (a Gregorian calendar).
    /// The end of 9999-12-31 west of UTC is after ``latest``, the last instant the renderer can write,
    /// and is kept at ``latest`` so that validation and rendering name the same instant.
    func resolved(with calendar: Calendar) -> Date {
        min(unboundedResolved(with: calendar), Self.latest)
    }

    private func unboundedResolved(with calendar: Calendar) -> Date {
        switch self {
        case .instant(let date):
            return date
        case .endOfDay(let year, let month, let day):
            let components = DateComponents(year: year, month: month, day: day, hour: 23, minute: 59, second: 59)
            let naive = Self.epochSeconds(year: year, month: month, day: day) + 86_399
            return calendar.date(from: components)
                ?? Date(timeIntervalSince1970: TimeInterval(naive - calendar.timeZone.secondsFromGMT()))
        }
    }

    private static func date(_ bytes: ArraySlice<UInt8>) -> (year: Int, month: Int, day: Int)? {
        let base = bytes.startIndex
        guard bytes[base + 4] == UInt8(ascii: "-"), bytes[base + 7] == UInt8(ascii: "-"),
              let year = number(bytes[base..<base + 4]), let month = number(bytes[base + 5..<base + 7]),
              let day = number(bytes[base + 8..<base + 10]),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        return (year, month, day)
    }

    private static func instant(
        date: (year: Int, month: Int, day: Int), rest: ArraySlice<UInt8>, text: String
    ) throws(ValueProblem) -> Date {
        // Built only on failure: clipping the text for the message costs more than parsing it.
        var invalid: ValueProblem {
            ValueProblem("`\(text.clipped)` is not an RFC 3339 timestamp",
                         hint: "write it like `2027-01-01T12:00:00Z` or `2027-01-01T12:00:00+03:00`")
        }
        let base = rest.startIndex
        guard rest.count >= 8, rest[base + 2] == UInt8(ascii: ":"), rest[base + 5] == UInt8(ascii: ":"),
              let hour = number(rest[base..<base + 2]), let minute = number(rest[base + 3..<base + 5]),
              let second = number(rest[base + 6..<base + 8]), hour < 24, minute < 60, second < 60
        else { throw invalid }
        var index = base + 8
        var fraction = 0.0
        if index < rest.endIndex, rest[index] == UInt8(ascii: ".") {
            let digits = rest[(index + 1)...].prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            guard !digits.isEmpty else { throw invalid }
            fraction = Double("0." + String(decoding: digits.prefix(9), as: UTF8.self)) ?? 0
            index += 1 + digits.count
        }
        guard let offset = try offsetSeconds(rest[index...], text: text) else { throw invalid }
        let seconds = epochSeconds(year: date.year, month: date.month, day: date.day)
            + hour * 3_600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds) + fraction)
    }

    private static func offsetSeconds(_ bytes: ArraySlice<UInt8>, text: String) throws(ValueProblem) -> Int? {
        guard let sign = bytes.first else {
            throw ValueProblem("`\(text.clipped)` has no UTC offset",
                               hint: "add `Z` for UTC or an offset like `+03:00`, or write only the date")
        }
        if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") { return bytes.count == 1 ? 0 : nil }
        let base = bytes.startIndex
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), bytes.count == 6,
              bytes[base + 3] == UInt8(ascii: ":"),
              let hours = number(bytes[base + 1..<base + 3]), let minutes = number(bytes[base + 4..<base + 6]),
              hours < 24, minutes < 60
        else { return nil }
        let seconds = hours * 3_600 + minutes * 60
        return sign == UInt8(ascii: "-") ? -seconds : seconds
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Seconds from 1970-01-01T00:00:00Z to midnight UTC of the date (proleptic Gregorian calendar).
    static func epochSeconds(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return (era * 146_097 + dayOfEra - 719_468) * 86_400
    }
}
