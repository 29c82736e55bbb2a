public import Foundation
public import Spec

extension StatsStore {
    /// Per-user bytes in the period of `reset` containing `now` in `timeZone` (quota usage is the
    /// ``UserUsage/total``).
    public func usage(
        period reset: ResetPeriod, timeZone: TimeZone, at now: Date, filter: UsageFilter = .all
    ) async throws -> [UserUsage] {
        try await usage(in: UsagePeriod.containing(now, reset: reset, timeZone: timeZone).interval, filter: filter)
    }

    /// Per-user bytes in each span between consecutive `boundaries`, one ``usage(in:filter:)`` per span.
    public func usage(between boundaries: [Date], filter: UsageFilter) async throws -> [[UserUsage]] {
        var spans: [[UserUsage]] = []
        for (start, end) in zip(boundaries, boundaries.dropFirst()) {
            spans.append(try await usage(in: DateInterval(start: start, end: max(start, end)), filter: filter))
        }
        return spans
    }

    /// Per-user bytes over all recorded time.
    public func lifetimeUsage(filter: UsageFilter = .all) async throws -> [UserUsage] {
        try await usage(in: nil, filter: filter)
    }

    /// The `limit` users with the most bytes in `interval` (all time when `nil`), largest first.
    public func topUsers(limit: Int, in interval: DateInterval?, filter: UsageFilter = .all) async throws -> [UserUsage] {
        let all = try await usage(in: interval, filter: filter)
        return Array(all.sorted { ($0.total, $1.user) > ($1.total, $0.user) }.prefix(max(0, limit)))
    }

    /// Bytes matching `filter` in each calendar `step` (hour, day, week, month) of `interval` in
    /// `timeZone`, for charts.
    public func series(
        _ filter: UsageFilter, in interval: DateInterval, step: Calendar.Component, timeZone: TimeZone
    ) async throws -> [UsagePoint] {
        let spans = UsagePeriod.steps(of: interval, step: step, timeZone: timeZone)
        guard let last = spans.last else { return [] }
        let usage = try await usage(between: spans.map(\.start) + [last.end], filter: filter)
        return zip(spans, usage).map { span, users in
            let sum = users.summed()
            return UsagePoint(start: span.start, end: span.end, fromClient: sum.fromClient, toClient: sum.toClient, unsplit: sum.unsplit)
        }
    }
}
