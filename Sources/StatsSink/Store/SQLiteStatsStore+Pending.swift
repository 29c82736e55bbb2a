import GRDB

extension SQLiteStatsStore {
    /// The traffic `snapshot` would record for `node`, without recording it (what `plan` adds to the
    /// recorded usage so it shows the states a tick would reach).
    public func pendingDeltas(_ snapshot: TelemtSnapshot, node: String) async throws(StatsStoreError) -> [TrafficDelta] {
        try await run("read baselines") {
            try await writer.read { db in ledger.step(snapshot, after: try Self.nodeState(db, node: node)).deltas }
        }
    }
}
