import PostgresNIO
public import StatsSink

extension PostgresStatsStore {
    /// A value that changes whenever the usage or first connections of `node` may have changed; see
    /// ``StatsStore/usageVersion(node:)``. The SQLite store's parts: traffic, the node's first
    /// connections, the retention watermarks; read in one statement (one snapshot).
    ///
    /// Traffic is the sum over nodes of each one's last scrape with traffic: scrape ids are not
    /// committed in order across nodes (the newest id can commit before an older one), but each
    /// node's only grow, so the sum grows with every scrape that adds traffic anywhere.
    public func usageVersion(node: String) async throws(StatsStoreError) -> String {
        try await run("read the usage version") {
            let rows = try await client.query("""
                SELECT (SELECT COALESCE(SUM(traffic_scrape), 0) FROM node_state)::text,
                       (SELECT COUNT(*) FROM first_seen WHERE node = \(node)),
                       (SELECT COALESCE(string_agg(level || '=' || pruned_before, ',' ORDER BY level), '') FROM retention_watermark)
                """, logger: logger)
            for try await (traffic, first, marks) in rows.decode((String, Int64, String).self) { return "\(traffic)/\(first)/\(marks)" }
            throw StatsStoreError(operation: "read the usage version", path: name, message: "the query returned no row")
        }
    }

    /// The traffic `snapshot` would record for `node`, without recording it; see
    /// ``StatsStore/pendingDeltas(_:node:)``. Reads the node's baselines without locking them.
    public func pendingDeltas(_ snapshot: TelemtSnapshot, node: String) async throws(StatsStoreError) -> [TrafficDelta] {
        try await run("read baselines") {
            try await client.withConnection { connection in
                ledger.step(snapshot, after: try await nodeState(connection, node: node)).deltas
            }
        }
    }
}
