public import Foundation

/// How long each level of stored traffic is kept. Pruning never changes a lifetime total or a
/// daily roll-up, nor the usage of any span inside the quarter-hour window.
///
/// | level | default | after that |
/// |---|---|---|
/// | raw per-scrape rows | 7 days | deleted (usage comes from the roll-ups) |
/// | quarter-hour buckets | 70 days | folded into UTC hours |
/// | hourly buckets | 400 days | deleted (UTC days remain) |
/// | scrape rows (system samples) | 400 days | deleted once their raw rows are gone |
///
/// 70 days keep the current and the previous month exact to the quarter hour in every time zone;
/// 400 days keep a year of hour-exact history. Daily buckets and lifetime totals are kept forever.
public struct RetentionPolicy: Sendable, Equatable {
    /// How long raw rows are kept.
    public var rawTraffic: TimeInterval
    /// How long quarter-hour buckets are kept before they are folded into hours.
    public var quarterHours: TimeInterval
    /// How long hourly buckets are kept (never less than ``quarterHours``).
    public var hours: TimeInterval
    /// How long scrape rows are kept (never while they still have raw rows).
    public var scrapes: TimeInterval

    /// The default raw retention, 7 days.
    public static let defaultRawDays: Double = 7
    /// The default quarter-hour retention, 70 days.
    public static let defaultQuarterDays: Double = 70
    /// The default hourly retention, 400 days.
    public static let defaultHourlyDays: Double = 400
    /// The default scrape-row retention, 400 days.
    public static let defaultScrapeDays: Double = 400

    /// Creates a policy; durations in seconds. A negative or NaN duration counts as zero, and
    /// `hours` is raised to `quarterHours` when shorter (hours cannot be dropped before they exist).
    public init(
        rawTraffic: TimeInterval = defaultRawDays * 86_400, quarterHours: TimeInterval = defaultQuarterDays * 86_400,
        hours: TimeInterval = defaultHourlyDays * 86_400, scrapes: TimeInterval = defaultScrapeDays * 86_400
    ) {
        let sane = { (value: TimeInterval) in value.isNaN ? 0 : max(0, value) }
        self.rawTraffic = sane(rawTraffic)
        self.quarterHours = sane(quarterHours)
        self.hours = max(sane(hours), sane(quarterHours))
        self.scrapes = sane(scrapes)
    }

    /// The cutoffs of a run at `now`.
    public func cutoffs(now: Date) -> RetentionCutoffs {
        RetentionCutoffs(
            rawTraffic: now.addingTimeInterval(-rawTraffic), quarterHours: now.addingTimeInterval(-quarterHours),
            hours: now.addingTimeInterval(-hours), scrapes: now.addingTimeInterval(-scrapes)
        )
    }

    /// Prunes `store` as of `now`; returns what was removed.
    @discardableResult
    public func apply(to store: some StatsStore, now: Date) async throws -> PruneResult {
        try await store.prune(cutoffs(now: now))
    }
}
