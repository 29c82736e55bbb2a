import Foundation

/// UTC hour and day bucket arithmetic of the roll-ups, and how a span of time maps onto them.
///
/// A bucket belongs to a span when the bucket's start lies inside it. Any span is first widened
/// to whole hours (both ends rounded up), then covered by daily buckets for the whole UTC days
/// inside and hourly buckets at the edges — the same bytes as summing hourly buckets alone.
struct HourBuckets: Equatable {
    static let hour: Int64 = 3_600
    static let day: Int64 = 86_400

    /// Ranges of hourly bucket starts to sum.
    var hourly: [Range<Int64>]
    /// The range of daily bucket starts to sum, if any whole UTC day is inside.
    var daily: Range<Int64>?

    init(covering interval: DateInterval) {
        let first = Self.roundUp(Self.seconds(interval.start), to: Self.hour)
        let last = Self.roundUp(Self.seconds(interval.end), to: Self.hour)
        let fullStart = Self.roundUp(first, to: Self.day)
        let fullEnd = Self.roundDown(last, to: Self.day)
        if fullStart < fullEnd {
            daily = fullStart..<fullEnd
            hourly = [first..<fullStart, fullEnd..<last].filter { !$0.isEmpty }
        } else {
            daily = nil
            hourly = first < last ? [first..<last] : []
        }
    }

    static func hourStart(of date: Date) -> Int64 {
        roundDown(Int64(date.timeIntervalSince1970.rounded(.down)), to: hour)
    }

    static func dayStart(ofHour hourStart: Int64) -> Int64 {
        roundDown(hourStart, to: day)
    }

    private static func seconds(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.up))
    }

    static func roundDown(_ value: Int64, to unit: Int64) -> Int64 {
        let remainder = value % unit
        return remainder >= 0 ? value - remainder : value - remainder - unit
    }

    static func roundUp(_ value: Int64, to unit: Int64) -> Int64 {
        let down = roundDown(value, to: unit)
        return down == value ? value : down + unit
    }
}
