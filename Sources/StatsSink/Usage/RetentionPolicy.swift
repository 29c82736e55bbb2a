public import Foundation

/// How long per-scrape raw traffic rows are kept. Pruning never changes a total: usage is answered
/// from the hourly and daily roll-ups, which are kept.
public struct RetentionPolicy: Sendable, Equatable {
    /// How long raw rows are kept.
    public var rawTraffic: TimeInterval

    /// Creates a policy; the default keeps a week of raw rows.
    public init(rawTraffic: TimeInterval = 7 * 86_400) {
        self.rawTraffic = rawTraffic
    }

    /// Prunes `store` as of `now`; returns the number of raw rows deleted.
    @discardableResult
    public func apply(to store: some StatsStore, now: Date) throws -> Int {
        try store.pruneRawTraffic(olderThan: now.addingTimeInterval(-rawTraffic))
    }
}
