public import Foundation

/// Where recorded traffic lives. SQLite (``SQLiteStatsStore``) is the embedded backend; a shared
/// PostgreSQL backend for fleets implements the same operations with the same ``TrafficLedger``.
///
/// Usage is kept in quarter-hour roll-ups (UTC); a bucket belongs to the span that contains its
/// start, so every byte lands in exactly one span of any partition of time into quarter hours.
/// Retention later folds quarter hours into hours and drops hours, keeping UTC days and totals.
///
/// Every operation is `async`: a backend does its blocking work off Swift's cooperative pool (SQLite
/// on GRDB's own dispatch queues; a network database on its own event loop).
public protocol StatsStore: Sendable {
    /// Records one scrape of `node`: the ledger's deltas, the roll-ups, the new baselines and a
    /// system sample, all in one transaction. Recording the same scrape twice adds nothing.
    ///
    /// `recorder` is this installation's identity: a node last recorded by another one is refused
    /// unless `takeOver` is set (a host that replaced the old one).
    func record(_ snapshot: TelemtSnapshot, node: String, recorder: RecorderInstance?, takeOver: Bool) async throws -> RecordResult

    /// The identity of the last scrape recorded for `node`, if any.
    func lastScrape(node: String) async throws -> ScrapeIdentity?

    /// Every node the store has recorded a scrape of, sorted by name, each with the scraper's time
    /// of its last recorded scrape and the installation that recorded it (fleet failover: a node
    /// whose last recorded scrape is older than a set time is down). Reads one small row per node.
    func heartbeats() async throws -> [NodeHeartbeat]

    /// The first scrape at which each user had traffic or a connection on `node` (the earliest over
    /// all nodes when nil): the start of an `on_hold` user's expiry clock.
    func firstSeen(node: String?) async throws -> [String: Date]

    /// Per-user bytes in `interval` (all recorded time when `nil`), users with no traffic omitted,
    /// sorted by user.
    func usage(in interval: DateInterval?, filter: UsageFilter) async throws -> [UserUsage]

    /// Per-user bytes in each of the consecutive spans `[boundaries[i], boundaries[i+1])`, one
    /// array of users per span. Stores may answer it in one pass; the default asks ``usage(in:filter:)``
    /// once per span.
    func usage(between boundaries: [Date], filter: UsageFilter) async throws -> [[UserUsage]]

    /// The system samples of `node` recorded in `interval`, oldest first.
    func systemSamples(node: String, in interval: DateInterval) async throws -> [SystemSample]

    /// A value that changes whenever the usage or first connections of `node` may have changed
    /// (traffic recorded for any node, a first connection of `node`, a retention run that moved a
    /// boundary): equal versions mean equal answers from ``usage(in:filter:)`` and
    /// ``firstSeen(node:)``, so a tick that finds the version it last saw can keep its evaluations.
    /// A few index lookups. The default is new on every call (never equal: always safe, never saves).
    func usageVersion(node: String) async throws -> String

    /// The traffic `snapshot` would record for `node`, without recording it: the ledger's deltas
    /// against the node's stored baselines (what `plan` adds to the recorded usage so it shows the
    /// states a tick would reach). The default throws: a store must read its baselines for it.
    func pendingDeltas(_ snapshot: TelemtSnapshot, node: String) async throws -> [TrafficDelta]

    /// Thins out stored traffic before `cutoffs` (raw rows, quarter hours into hours, hours,
    /// scrape rows) in one transaction. Lifetime totals and daily roll-ups never change, nor does
    /// any span whose boundaries lie after the quarter-hour cutoff.
    @discardableResult
    func prune(_ cutoffs: RetentionCutoffs) async throws -> PruneResult
}

extension StatsStore {
    /// A fresh value on every call: every answer counts as changed.
    public func usageVersion(node: String) async throws -> String {
        "unversioned-" + UUID().uuidString
    }

    /// Throws: this store does not read baselines without recording.
    public func pendingDeltas(_ snapshot: TelemtSnapshot, node: String) async throws -> [TrafficDelta] {
        throw StatsStoreError(
            operation: "read baselines", path: String(describing: Self.self),
            message: "this store does not compute pending deltas (its type implements no pendingDeltas(_:node:))"
        )
    }

    /// Records one scrape without a recorder identity (tests, single-purpose tools).
    public func record(_ snapshot: TelemtSnapshot, node: String) async throws -> RecordResult {
        try await record(snapshot, node: node, recorder: nil, takeOver: false)
    }
}
