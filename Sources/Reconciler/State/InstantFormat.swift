public import Foundation
import StatsSink
import TelemtRender

/// Instants as reasons print them: the wall-clock time in the spec's zone with its offset,
/// `2026-11-30 23:59:59 +03:00` (fractions of a second are dropped).
public enum InstantFormat {
    /// `date` in `timeZone`, with the offset in force at that instant: `2026-11-30 23:59:59 +03:00`,
    /// `2026-03-29 01:59:59 +01:00`, `2026-11-30 23:59:59 +00:00` in UTC.
    public static func string(_ date: Date, timeZone: TimeZone) -> String {
        let whole = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
        let offset = timeZone.secondsFromGMT(for: whole)
        // The wall clock is UTC shifted by the offset: `2026-11-30T23:59:59Z` → `2026-11-30 23:59:59`.
        let wall = TOMLDateTime.utcString(whole.addingTimeInterval(TimeInterval(offset)))
        guard wall.utf8.count == 20 else { return wall }
        return String(wall.prefix(10)) + " " + String(wall.dropFirst(11).prefix(8)) + " " + Self.offset(offset)
    }

    /// `+03:00`, `+05:30`, `-05:00`, `+00:00`.
    static func offset(_ seconds: Int) -> String {
        let minutes = abs(seconds) / 60
        return "\(seconds < 0 ? "-" : "+")\(PeriodLabel.padded(minutes / 60, 2)):\(PeriodLabel.padded(minutes % 60, 2))"
    }
}
