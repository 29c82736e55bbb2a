public import Foundation
import GRDB

extension SQLiteStatsStore {
    /// The identity of the last scrape recorded for `node`.
    public func lastScrape(node: String) async throws -> ScrapeIdentity? {
        try await run("read last scrape") { try await writer.read { try Self.identity($0, node: node) } }
    }

    /// Per-user bytes in `interval` (all time when `nil`); see ``StatsStore/usage(in:filter:)``.
    ///
    /// A span reads the daily roll-up and a few quarter-hour or hourly buckets at its UTC day
    /// edges; all time reads the per-user totals.
    public func usage(in interval: DateInterval?, filter: UsageFilter) async throws -> [UserUsage] {
        guard let interval else { return try await lifetimeTotals(filter: filter) }
        return try await usage(between: [interval.start, interval.end], filter: filter).first ?? []
    }

    /// Per-user lifetime totals summed over nodes in Swift, saturating at 8 EiB (SQLite's `SUM`
    /// would fail with "integer overflow" and make the store unreadable).
    private func lifetimeTotals(filter: UsageFilter) async throws -> [UserUsage] {
        try await run("lifetime usage") {
            try await writer.read { db in
                let (conditions, arguments) = filter.sqlConditions
                let sql = "SELECT user, from_client, to_client, unsplit FROM traffic_total WHERE 1" + conditions + " ORDER BY user"
                var accumulator = UsageAccumulator(spans: 1)
                let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
                while let row = try rows.next() {
                    accumulator.add(user: row[0], span: 0, bytes: RollUpBytes(fromClient: row[1], toClient: row[2], unsplit: row[3]), sign: 1)
                }
                return accumulator.result()[0]
            }
        }
    }

    /// The system samples of `node` in `interval`, oldest first.
    public func systemSamples(node: String, in interval: DateInterval) async throws -> [SystemSample] {
        try await run("system samples") {
            try await writer.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT at, uptime, version, kind, users, connections FROM scrape
                        WHERE node = ? AND at >= ? AND at < ? ORDER BY at
                        """,
                    arguments: [node, interval.start.timeIntervalSince1970, interval.end.timeIntervalSince1970]
                ).map { row in
                    let connections: Int64 = row[5]
                    return SystemSample(
                        at: Date(timeIntervalSince1970: row[0]), uptime: row[1], version: row[2],
                        kind: ScrapeKind(rawValue: row[3]) ?? .continued, users: row[4],
                        connections: UInt64(clamping: connections)
                    )
                }
            }
        }
    }

    /// Per-scrape raw rows currently kept (for retention checks and audits).
    public func rawTrafficRowCount() async throws -> Int {
        try await run("count raw rows") { try await writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM traffic_raw") ?? 0 } }
    }

    /// SQLite's journal mode for this database (`wal` for file stores).
    func journalMode() async throws -> String {
        try await run("read journal mode") { try await writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") ?? "" } }
    }
}
