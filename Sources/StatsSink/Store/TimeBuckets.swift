package import Foundation

/// The bucket arithmetic of the roll-ups: quarter hours, hours and days, all in UTC and keyed by
/// their start in whole seconds since the epoch.
///
/// A bucket belongs to the span that contains its start. Quarter hours are fine enough for every
/// time zone in use: offsets are whole hours, half hours or 45 minutes (Asia/Kathmandu), so
/// calendar boundaries fall on quarter-hour starts.
package enum TimeBuckets {
    package static let quarter: Int64 = 900
    package static let hour: Int64 = 3_600
    package static let day: Int64 = 86_400
    /// Instants are clamped to about ±2⁵⁰ s (35 million years; a whole number of days) so that
    /// bucket arithmetic can never overflow, whatever a clock or a caller passes.
    static let limit: Int64 = (1 << 50) / day * day

    /// Whole seconds since the epoch of `date`, rounded by `rule`, clamped to ±``limit``; NaN
    /// counts as the epoch. Never traps.
    static func seconds(_ date: Date, rounding rule: FloatingPointRoundingRule) -> Int64 {
        let value = date.timeIntervalSince1970.rounded(rule)
        guard !value.isNaN else { return 0 }
        return Int64(max(-Double(limit), min(Double(limit), value)))
    }

    /// The start of the quarter-hour bucket containing `date`.
    package static func quarterStart(of date: Date) -> Int64 {
        roundDown(seconds(date, rounding: .down), to: quarter)
    }

    /// `date` rounded up to the next quarter-hour start: where a span boundary really falls.
    package static func quarterBoundary(_ date: Date) -> Int64 {
        roundUp(seconds(date, rounding: .up), to: quarter)
    }

    /// `value` rounded towards minus infinity to a multiple of `unit` (also for instants before 1970).
    package static func roundDown(_ value: Int64, to unit: Int64) -> Int64 {
        let remainder = value % unit
        return remainder >= 0 ? value - remainder : value - remainder - unit
    }

    /// `value` rounded towards plus infinity to a multiple of `unit`.
    static func roundUp(_ value: Int64, to unit: Int64) -> Int64 {
        let down = roundDown(value, to: unit)
        return down == value ? value : down + unit
    }
}
