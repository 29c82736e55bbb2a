public import Foundation
public import Spec

/// A calendar period of a ``ResetPeriod`` in a time zone: the span whose traffic counts against a quota.
///
/// Days, ISO weeks (starting Monday), months and years are resolved by the calendar of the zone,
/// so a day across a DST change is 23 or 25 hours long.
public struct UsagePeriod: Sendable, Equatable {
    /// The reset rule.
    public var reset: ResetPeriod
    /// The span; `nil` for ``ResetPeriod/none`` (all recorded time).
    public var interval: DateInterval?

    /// Creates a period.
    public init(reset: ResetPeriod, interval: DateInterval?) {
        self.reset = reset
        self.interval = interval
    }

    /// The period of `reset` that contains `date` in `timeZone`.
    public static func containing(_ date: Date, reset: ResetPeriod, timeZone: TimeZone) -> UsagePeriod {
        guard let component = component(of: reset) else { return UsagePeriod(reset: reset, interval: nil) }
        return UsagePeriod(reset: reset, interval: calendar(timeZone).dateInterval(of: component, for: date))
    }

    /// The period right after this one (`nil` for ``ResetPeriod/none``).
    public func next(timeZone: TimeZone) -> UsagePeriod? {
        guard let interval else { return nil }
        return Self.containing(interval.end, reset: reset, timeZone: timeZone)
    }

    /// The Gregorian calendar with ISO weeks in `timeZone`.
    public static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.firstWeekday = 2
        calendar.minimumDaysInFirstWeek = 4
        return calendar
    }

    /// `interval` cut at calendar `step` boundaries of `timeZone` (at most 1,000 steps).
    public static func steps(of interval: DateInterval, step: Calendar.Component, timeZone: TimeZone) -> [DateInterval] {
        let calendar = UsagePeriod.calendar(timeZone)
        var result: [DateInterval] = []
        var start = interval.start
        while start < interval.end, result.count < 1_000 {
            let natural = calendar.dateInterval(of: step, for: start)?.end ?? interval.end
            let end = min(natural > start ? natural : interval.end, interval.end)
            result.append(DateInterval(start: start, end: end))
            start = end
        }
        return result
    }

    static func component(of reset: ResetPeriod) -> Calendar.Component? {
        switch reset {
        case .none: nil
        case .daily: .day
        case .weekly: .weekOfYear
        case .monthly: .month
        case .yearly: .year
        }
    }
}
