public import Foundation
import PostgresNIO
public import StatsSink

extension PostgresStatsStore {
    /// Per-user bytes in `interval` (all time when `nil`), summed over every node unless `filter`
    /// names one; see ``StatsStore/usage(in:filter:)``.
    public func usage(in interval: DateInterval?, filter: UsageFilter) async throws(StatsStoreError) -> [UserUsage] {
        guard let interval else { return try await lifetimeTotals(filter: filter) }
        return try await usage(between: [interval.start, interval.end], filter: filter).first ?? []
    }

    /// Per-user bytes in each span between consecutive `boundaries`, each rounded up to a quarter
    /// hour; a bucket belongs to the span containing its start, as in the SQLite store.
    ///
    /// The same reads as SQLite's (``SpanPlan``): whichever is fewer rows of the fine roll-ups across
    /// the window, or the daily roll-up with a few fine buckets at each boundary's nearer UTC day
    /// edge; windows reaching back before the pruned hourly history always take the second way. All
    /// reads see one snapshot (a read-only `REPEATABLE READ` transaction), so a retention run or a
    /// scrape committing in between cannot count a bucket twice or not at all.
    public func usage(between boundaries: [Date], filter: UsageFilter) async throws(StatsStoreError) -> [[UserUsage]] {
        guard let plan = SpanPlan(boundaries) else { return Array(repeating: [], count: max(0, boundaries.count - 1)) }
        return try await run("usage steps") {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
                let fineReadable = plan.readsFine(from: try await fineHistoryStart(connection))
                if fineReadable, plan.fineIsCheaper {
                    return try await accumulate(connection, plan, plan.fineReads, filter).result()
                }
                let prefixed = try await accumulate(connection, plan, plan.prefixReads, filter)
                // A saturated (8 EiB) bucket makes prefix differences mere bounds.
                guard prefixed.touchedSaturated, fineReadable else { return prefixed.result() }
                return try await accumulate(connection, plan, plan.fineReads, filter).result()
            }
        }
    }

    /// Streams the rows of `reads` into their spans.
    private func accumulate(
        _ connection: PostgresConnection, _ plan: SpanPlan, _ reads: [SpanRead], _ filter: UsageFilter
    ) async throws -> UsageAccumulator {
        var accumulator = UsageAccumulator(spans: plan.spans)
        for read in reads where !read.range.isEmpty {
            let rows = try await connection.query(select(read.table.column, from: read.table.rawValue, filter: filter, range: read.range), logger: logger)
            for try await (bucket, user, from, to, unsplit) in rows.decode((Int64, String, Int64, Int64, Int64).self) {
                plan.add(read, bucket: bucket, user: user, bytes: RollUpBytes(fromClient: from, toClient: to, unsplit: unsplit), to: &accumulator)
            }
        }
        return accumulator
    }

    /// Per-user lifetime totals summed over nodes in Swift, saturating at 8 EiB.
    private func lifetimeTotals(filter: UsageFilter) async throws(StatsStoreError) -> [UserUsage] {
        try await run("lifetime usage") {
            var accumulator = UsageAccumulator(spans: 1)
            let rows = try await client.query(select(nil, from: "traffic_total", filter: filter, range: nil), logger: logger)
            for try await (_, user, from, to, unsplit) in rows.decode((Int64, String, Int64, Int64, Int64).self) {
                accumulator.add(user: user, span: 0, bytes: RollUpBytes(fromClient: from, toClient: to, unsplit: unsplit), sign: 1)
            }
            return accumulator.result()[0]
        }
    }

    /// `SELECT bucket, "user", from_client, to_client, unsplit` from a traffic table, with the
    /// filter's node and user and the bucket range as parameters (0 as the bucket of totals).
    private func select(_ column: String?, from table: String, filter: UsageFilter, range: Range<Int64>?) -> PostgresQuery {
        var binds = PostgresBindings()
        var conditions: [String] = []
        if let range {
            binds.append(range.lowerBound)
            binds.append(range.upperBound)
            conditions.append("\(column ?? "0") >= $1 AND \(column ?? "0") < $2")
        }
        if let node = filter.node {
            binds.append(node)
            conditions.append("node = $\(binds.count)")
        }
        if let user = filter.user {
            binds.append(user)
            conditions.append("\"user\" = $\(binds.count)")
        }
        let bucket = column.map { "\($0)::int8" } ?? "0::int8"
        let sql = "SELECT \(bucket), \"user\", from_client, to_client, unsplit FROM \(table)"
            + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }

    /// The first connection of every user seen on `node` (or on any node when nil: the earliest).
    public func firstSeen(node: String?) async throws(StatsStoreError) -> [String: Date] {
        try await run("read first connections") {
            let rows = try await client.query(node.map { node in
                "SELECT \"user\", at FROM first_seen WHERE node = \(node)"
            } ?? "SELECT \"user\", MIN(at) FROM first_seen GROUP BY \"user\"", logger: logger)
            var result: [String: Date] = [:]
            for try await (user, at) in rows.decode((String, Double).self) { result[user] = Date(timeIntervalSince1970: at) }
            return result
        }
    }

    /// The system samples of `node` in `interval`, oldest first.
    public func systemSamples(node: String, in interval: DateInterval) async throws(StatsStoreError) -> [SystemSample] {
        try await run("system samples") {
            let rows = try await client.query("""
                SELECT at, uptime, version, kind, users, connections FROM scrape
                WHERE node = \(node) AND at >= \(interval.start.timeIntervalSince1970) AND at < \(interval.end.timeIntervalSince1970)
                ORDER BY at
                """, logger: logger)
            var samples: [SystemSample] = []
            for try await (at, uptime, version, kind, users, connections) in rows.decode((Double, Double, String?, String, Int, Int64).self) {
                samples.append(SystemSample(
                    at: Date(timeIntervalSince1970: at), uptime: uptime, version: version, kind: ScrapeKind(rawValue: kind) ?? .continued,
                    users: users, connections: UInt64(clamping: connections)
                ))
            }
            return samples
        }
    }
}
