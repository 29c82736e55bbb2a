public import StatsSink

/// One scrape recorded the way every command records it — `scrape`, `reconcile` and the daemon:
/// this installation's recorder identity (from `directory`), the ledger's single transaction, then
/// the store pruned to `retention` as of the scrape.
public struct TrafficRecording: Sendable {
    /// The store written to.
    public var store: SQLiteStatsStore
    /// The node recorded.
    public var node: String
    /// The directory holding `instance-id`.
    public var directory: String
    /// What the store keeps.
    public var retention: RetentionPolicy
    /// Record although another installation recorded this node last.
    public var takeOver: Bool

    /// Creates the step.
    public init(store: SQLiteStatsStore, node: String, directory: String, retention: RetentionPolicy, takeOver: Bool) {
        self.store = store
        self.node = node
        self.directory = directory
        self.retention = retention
        self.takeOver = takeOver
    }

    /// Records `snapshot`, then prunes when `prune` is set; returns what was recorded and pruned.
    public func record(_ snapshot: TelemtSnapshot, prune: Bool = true) async throws -> (recorded: RecordResult, pruned: PruneResult?) {
        let directory = self.directory
        let recorder = try await BlockingWork.run { () throws -> RecorderInstance in try RecorderInstance.load(directory: directory) }
        let recorded = try await store.record(snapshot, node: node, recorder: recorder, takeOver: takeOver)
        let pruned = prune ? try await retention.apply(to: store, now: snapshot.scrapedAt) : nil
        return (recorded, pruned)
    }
}
