public import Foundation

/// A TOML date-time in the form it was written: offset date-time, local date-time, local date
/// or local time. Fields that the form lacks are `nil`.
public struct TOMLDateTime: Sendable, Equatable, Hashable {
    /// Calendar date, for every form except local time.
    public var year: Int?, month: Int?, day: Int?
    /// Time of day, for every form except local date.
    public var hour: Int?, minute: Int?, second: Int?
    /// Fractional seconds in nanoseconds (digits past the ninth are truncated).
    public var nanosecond: Int
    /// Offset from UTC in minutes (`Z` is 0); `nil` for the local forms.
    public var offsetMinutes: Int?

    /// Creates a date-time; pass `nil` for the parts the form lacks.
    public init(
        year: Int? = nil, month: Int? = nil, day: Int? = nil,
        hour: Int? = nil, minute: Int? = nil, second: Int? = nil,
        nanosecond: Int = 0, offsetMinutes: Int? = nil
    ) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
        self.offsetMinutes = offsetMinutes
    }

    /// The instant, for an offset date-time only (local forms name no instant).
    public var date: Date? {
        guard let year, let month, let day, let hour, let minute, let second, let offsetMinutes else {
            return nil
        }
        let days = TOMLDateTime.daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offsetMinutes * 60
        return Date(timeIntervalSince1970: Double(seconds) + Double(nanosecond) / 1e9)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01.
    public static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days in a month of the proleptic Gregorian calendar.
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// RFC 3339 in UTC with whole seconds, e.g. `2027-01-01T20:59:59Z`; sub-second parts are
    /// dropped (rounded down), so the result never lies after `date`.
    public static func utcString(_ date: Date) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        appendUTC(date, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension TOMLDateTime {
    /// Appends ``utcString(_:)`` of `date` as UTF-8, without intermediate strings.
    static func appendUTC(_ date: Date, to out: inout [UInt8]) {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let secondsOfDay = total - days * 86_400
        let (year, month, day) = civilFromDays(days)
        func digits(_ value: Int, _ width: Int) {
            guard value >= 0, value < 10_000 else {
                out.append(contentsOf: String(repeating: "0", count: max(0, width - String(value).count)).utf8)
                out.append(contentsOf: String(value).utf8)
                return
            }
            var divisor = 1
            for _ in 1..<max(width, value >= 1_000 ? 4 : value >= 100 ? 3 : value >= 10 ? 2 : 1) { divisor *= 10 }
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        digits(year, 4)
        out.append(UInt8(ascii: "-"))
        digits(month, 2)
        out.append(UInt8(ascii: "-"))
        digits(day, 2)
        out.append(UInt8(ascii: "T"))
        digits(secondsOfDay / 3_600, 2)
        out.append(UInt8(ascii: ":"))
        digits(secondsOfDay % 3_600 / 60, 2)
        out.append(UInt8(ascii: ":"))
        digits(secondsOfDay % 60, 2)
        out.append(UInt8(ascii: "Z"))
    }
}
