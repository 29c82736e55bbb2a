public import Foundation
import StatsSink

/// Instants as reasons print them: the wall-clock time in the spec's zone with its offset,
/// `2026-11-30 23:59:59 +03:00` (fractions of a second are dropped).
public enum InstantFormat {
    /// `date` in `timeZone`, with the offset in force at that instant: `2026-11-30 23:59:59 +03:00`,
    /// `2026-03-29 01:59:59 +01:00`, `2026-11-30 23:59:59 +00:00` in UTC.
    public static func string(_ date: Date, timeZone: TimeZone) -> String {
        let whole = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
        let parts = UsagePeriod.calendar(timeZone).dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: whole
        )
        let pad = PeriodLabel.padded
        let day = "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))"
        let time = "\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2))"
        return "\(day) \(time) \(offset(timeZone.secondsFromGMT(for: whole)))"
    }

    /// `+03:00`, `+05:30`, `-05:00`, `+00:00`.
    static func offset(_ seconds: Int) -> String {
        let minutes = abs(seconds) / 60
        return "\(seconds < 0 ? "-" : "+")\(PeriodLabel.padded(minutes / 60, 2)):\(PeriodLabel.padded(minutes % 60, 2))"
    }
}
