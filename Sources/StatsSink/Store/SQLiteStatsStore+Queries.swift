public import Foundation
import GRDB

extension SQLiteStatsStore {
    /// The identity of the last scrape recorded for `node`.
    public func lastScrape(node: String) throws -> ScrapeIdentity? {
        try run("read last scrape") { try writer.read { try Self.identity($0, node: node) } }
    }

    /// Per-user bytes in `interval` (all time when `nil`); see ``StatsStore/usage(in:filter:)``.
    ///
    /// A span reads the daily roll-up and a few hourly buckets at its UTC day edges; all time
    /// reads the per-user totals.
    public func usage(in interval: DateInterval?, filter: UsageFilter) throws -> [UserUsage] {
        guard let interval else { return try lifetimeTotals(filter: filter) }
        return try usage(between: [interval.start, interval.end], filter: filter).first ?? []
    }

    private func lifetimeTotals(filter: UsageFilter) throws -> [UserUsage] {
        var sql = "SELECT user, SUM(from_client), SUM(to_client) FROM traffic_total WHERE 1"
        var arguments: [any DatabaseValueConvertible] = []
        if let node = filter.node {
            sql += " AND node = ?"
            arguments.append(node)
        }
        if let user = filter.user {
            sql += " AND user = ?"
            arguments.append(user)
        }
        sql += " GROUP BY user HAVING SUM(from_client) > 0 OR SUM(to_client) > 0 ORDER BY user"
        return try run("lifetime usage") {
            try writer.read { db in
                try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
                    let from: Int64 = row[1]
                    let to: Int64 = row[2]
                    return UserUsage(user: row[0], fromClient: UInt64(clamping: from), toClient: UInt64(clamping: to))
                }
            }
        }
    }

    /// The system samples of `node` in `interval`, oldest first.
    public func systemSamples(node: String, in interval: DateInterval) throws -> [SystemSample] {
        try run("system samples") {
            try writer.read { db in
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

    /// Deletes raw rows of scrapes older than `cutoff`; the roll-ups keep every total.
    @discardableResult
    public func pruneRawTraffic(olderThan cutoff: Date) throws -> Int {
        try run("prune") {
            try writer.write { db in
                try db.execute(
                    sql: "DELETE FROM traffic_raw WHERE scrape_id IN (SELECT id FROM scrape WHERE at < ?)",
                    arguments: [cutoff.timeIntervalSince1970]
                )
                return db.changesCount
            }
        }
    }

    /// Per-scrape raw rows currently kept (for retention checks and audits).
    public func rawTrafficRowCount() throws -> Int {
        try run("count raw rows") { try writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM traffic_raw") ?? 0 } }
    }

    /// SQLite's journal mode for this database (`wal` for file stores).
    func journalMode() throws -> String {
        try run("read journal mode") { try writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") ?? "" } }
    }
}
