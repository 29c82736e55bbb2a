public import Foundation
public import Spec

/// Per-user usage in a period with lifetime totals and a short trend: what `telemt-gitops usage`
/// prints, as a value the command layer renders as a table or JSON.
public struct UsageReport: Sendable, Equatable, Codable {
    /// One user's line.
    public struct Row: Sendable, Equatable, Codable {
        /// The user name.
        public var user: String
        /// Bytes from clients in the period.
        public var fromClient: UInt64
        /// Bytes to clients in the period.
        public var toClient: UInt64
        /// Bytes in the period known only as a sum of both directions (users beyond the 4,096
        /// that `/metrics` labels, accounted from telemt's API).
        public var unsplit: UInt64
        /// Every byte in the period, both directions and unsplit: what counts against a quota.
        public var total: UInt64
        /// Every byte over all recorded time.
        public var lifetime: UInt64
        /// Every byte in each trend step, oldest first, the current step last.
        public var trend: [UInt64]
    }

    /// The reset rule (`none`, `daily`, `weekly`, `monthly`, `yearly`).
    public var reset: String
    /// The period's start, or `nil` for lifetime.
    public var periodStart: Date?
    /// The period's end (exclusive), or `nil` for lifetime.
    public var periodEnd: Date?
    /// The IANA time zone of the calendar.
    public var timeZone: String
    /// The calendar step of the trend (`hour` for daily periods, else `day`).
    public var trendStep: String
    /// The users, most used first.
    public var rows: [Row]

    /// Builds the report from `store` as of `now`.
    public init(
        store: some StatsStore, reset: ResetPeriod, timeZone: TimeZone, at now: Date,
        filter: UsageFilter = .all, trendSteps: Int = 7
    ) async throws {
        let period = UsagePeriod.containing(now, reset: reset, timeZone: timeZone)
        let step: Calendar.Component = reset == .daily ? .hour : .day
        let trend = try await Self.trend(store: store, step: step, steps: trendSteps, timeZone: timeZone, now: now, filter: filter)
        let periodUsage = try await store.usage(in: period.interval, filter: filter)
        // Lifetime is read last: a scrape recorded between the reads can only make it larger,
        // so a user's period total never exceeds their lifetime.
        let lifetime = Dictionary(uniqueKeysWithValues: try await store.lifetimeUsage(filter: filter).map { ($0.user, $0.total) })
        rows = periodUsage.map { usage in
            Row(
                user: usage.user, fromClient: usage.fromClient, toClient: usage.toClient, unsplit: usage.unsplit, total: usage.total,
                lifetime: lifetime[usage.user] ?? usage.total,
                trend: trend.map { $0[usage.user] ?? 0 }
            )
        }
        rows.sort { ($0.total, $1.user) > ($1.total, $0.user) }
        self.reset = reset.rawValue
        periodStart = period.interval?.start
        periodEnd = period.interval?.end
        self.timeZone = timeZone.identifier
        trendStep = step == .hour ? "hour" : "day"
    }

    /// Per-user totals in each of the last `steps` calendar steps up to the one containing `now`.
    private static func trend(
        store: some StatsStore, step: Calendar.Component, steps: Int, timeZone: TimeZone, now: Date, filter: UsageFilter
    ) async throws -> [[String: UInt64]] {
        let calendar = UsagePeriod.calendar(timeZone)
        let steps = min(steps, 1_000)  // what UsagePeriod.steps cuts at; also keeps -(steps - 1) small
        guard steps > 0, let current = calendar.dateInterval(of: step, for: now),
              let first = calendar.date(byAdding: step, value: -(steps - 1), to: current.start)
        else { return [] }
        let spans = UsagePeriod.steps(of: DateInterval(start: first, end: current.end), step: step, timeZone: timeZone)
        let boundaries = spans.map(\.start) + [current.end]
        return try await store.usage(between: boundaries, filter: filter).map { users in
            Dictionary(uniqueKeysWithValues: users.map { ($0.user, $0.total) })
        }
    }
}
