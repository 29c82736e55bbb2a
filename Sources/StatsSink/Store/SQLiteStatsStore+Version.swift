import GRDB

extension SQLiteStatsStore {
    /// A value that changes whenever the usage or first connections of `node` may have changed:
    /// the newest scrape with traffic, the number of first connections and the retention
    /// watermarks. Equal versions mean equal answers from ``usage(in:filter:)`` and
    /// ``firstSeen(node:)`` for that node; a tick that finds the version it last saw can keep its
    /// evaluations. Costs two index lookups and a count.
    public func usageVersion(node: String) async throws(StatsStoreError) -> String {
        try await run("read the usage version") {
            try await writer.read { db in
                let traffic = try Int64.fetchOne(db, sql: "SELECT MAX(scrape_id) FROM traffic_raw") ?? 0
                let first = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM first_seen WHERE node = ?", arguments: [node]) ?? 0
                let marks = try String.fetchOne(db, sql: "SELECT group_concat(level || '=' || pruned_before, ',') FROM retention_watermark") ?? ""
                return "\(traffic)/\(first)/\(marks)"
            }
        }
    }
}
