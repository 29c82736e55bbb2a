public import Foundation

/// Where recorded traffic lives. SQLite (``SQLiteStatsStore``) is the embedded backend; a shared
/// PostgreSQL backend for fleets implements the same operations with the same ``TrafficLedger``.
///
/// Usage is kept in hourly roll-ups (UTC hours); a bucket belongs to the span that contains its
/// start, so every byte lands in exactly one span of any partition of time into whole hours.
public protocol StatsStore: Sendable {
    /// Records one scrape of `node`: the ledger's deltas, the roll-ups, the new baselines and a
    /// system sample, all in one transaction. Recording the same scrape twice adds nothing.
    func record(_ snapshot: TelemtSnapshot, node: String) throws -> RecordResult

    /// The identity of the last scrape recorded for `node`, if any.
    func lastScrape(node: String) throws -> ScrapeIdentity?

    /// Per-user bytes in `interval` (all recorded time when `nil`), users with no traffic omitted,
    /// sorted by user.
    func usage(in interval: DateInterval?, filter: UsageFilter) throws -> [UserUsage]

    /// Per-user bytes in each of the consecutive spans `[boundaries[i], boundaries[i+1])`, one
    /// array of users per span. Stores may answer it in one pass; the default asks ``usage(in:filter:)``
    /// once per span.
    func usage(between boundaries: [Date], filter: UsageFilter) throws -> [[UserUsage]]

    /// The system samples of `node` recorded in `interval`, oldest first.
    func systemSamples(node: String, in interval: DateInterval) throws -> [SystemSample]

    /// Deletes per-scrape traffic rows older than `cutoff`; roll-ups keep every total unchanged.
    /// Returns how many rows were deleted.
    @discardableResult
    func pruneRawTraffic(olderThan cutoff: Date) throws -> Int
}
