public import Foundation
public import StatsSink
import Spec
import Synchronization

/// Names of calendar periods as reasons print them: `2026-11-30`, `2026-W48`, `2026-11`, `2026`.
public enum PeriodLabel {
    /// The label of `period` in `timeZone`, read from the period's first instant: the day
    /// (`2026-11-30`), the ISO week (`2026-W48`, the week-numbering year), the month (`2026-11`) or the
    /// year (`2026`); `nil` for `reset: none`, which has no period.
    public static func label(of period: UsagePeriod, timeZone: TimeZone) -> String? {
        guard let start = period.interval?.start else { return nil }
        let calendar = UsagePeriod.calendar(timeZone)
        let parts = calendar.dateComponents([.year, .month, .day, .weekOfYear, .yearForWeekOfYear], from: start)
        let year = padded(parts.year, 4)
        switch period.reset {
        case .none: return nil
        case .daily: return "\(year)-\(padded(parts.month, 2))-\(padded(parts.day, 2))"
        case .weekly: return "\(padded(parts.yearForWeekOfYear, 4))-W\(padded(parts.weekOfYear, 2))"
        case .monthly: return "\(year)-\(padded(parts.month, 2))"
        case .yearly: return year
        }
    }

    /// Where the usage was counted: `in 2026-11 (Europe/Moscow)`, or `in total` for `reset: none`.
    public static func phrase(of period: UsagePeriod, timeZone: TimeZone) -> String {
        guard let start = period.interval?.start else { return "in total" }
        let key = PhraseKey(reset: period.reset, start: start, zone: timeZone.identifier)
        if let phrase = phrases.withLock({ $0[key] }) { return phrase }
        guard let label = label(of: period, timeZone: timeZone) else { return "in total" }
        let phrase = "in \(label) (\(zoneName(timeZone)))"
        phrases.withLock { cache in
            if cache.count >= 256 { cache.removeAll() }
            cache[key] = phrase
        }
        return phrase
    }

    private struct PhraseKey: Hashable {
        var reset: ResetPeriod
        var start: Date
        var zone: String
    }

    /// Phrases already made: every user with the same reset rule shares one (a reason for each of
    /// 100,000 users would otherwise ask the calendar 100,000 times).
    private static let phrases = Mutex<[PhraseKey: String]>([:])

    /// The zone's name as the spec gives it; `UTC` where Foundation says `GMT`.
    public static func zoneName(_ timeZone: TimeZone) -> String {
        timeZone.identifier == "GMT" ? "UTC" : timeZone.identifier
    }

    /// `value` in decimal with leading zeros to `width` digits.
    static func padded(_ value: Int?, _ width: Int) -> String {
        let digits = String(value ?? 0)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
