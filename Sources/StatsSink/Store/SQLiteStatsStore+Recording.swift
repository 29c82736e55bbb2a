import Foundation
import GRDB

extension SQLiteStatsStore {
    static func insertScrape(_ db: Database, _ snapshot: TelemtSnapshot, node: String, step: LedgerStep) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO scrape (node, at, uptime, kind, version, users, connections) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [
                node, snapshot.scrapedAt.timeIntervalSince1970, snapshot.uptime, step.kind.rawValue,
                snapshot.version, snapshot.userCount, Int64(clamping: snapshot.connectionsCurrent),
            ]
        )
        return db.lastInsertedRowID
    }

    /// Writes one scrape's deltas as raw rows through one cached statement, one row per delta;
    /// each component is clamped to `Int64.max` (8 EiB).
    static func insertTraffic(_ db: Database, _ deltas: [TrafficDelta], scrapeID: Int64, node: String) throws {
        let statement = try TrafficRowStatement(
            db, sql: "INSERT INTO traffic_raw (scrape_id, user, from_client, to_client, unsplit) VALUES (?1, ?3, ?4, ?5, ?6)",
            bucket: scrapeID, node: node
        )
        for delta in deltas {
            try statement.run(user: delta.user, bytes: RollUpBytes(delta))
        }
    }

    /// Adds one scrape's raw rows into the quarter-hour and daily roll-ups (UTC buckets of its
    /// time) and the lifetime totals: one set-based statement per table (per-row upserts cost
    /// more, since each one opens its own statement journal). Sums saturate at 8 EiB.
    static func rollUp(_ db: Database, scrapeID: Int64, node: String, at: Date) throws {
        let quarter = TimeBuckets.quarterStart(of: at)
        let targets = [
            ("traffic_quarter (quarter, node, user", "?, ?,", "quarter, node, user", [quarter, node, scrapeID] as StatementArguments),
            ("traffic_daily (day, node, user", "?, ?,", "day, node, user", [TimeBuckets.roundDown(quarter, to: TimeBuckets.day), node, scrapeID]),
            ("traffic_total (node, user", "?,", "node, user", [node, scrapeID]),
        ]
        for (table, bucket, key, arguments) in targets {
            try db.cachedStatement(sql: """
                INSERT INTO \(table), from_client, to_client, unsplit)
                SELECT \(bucket) user, from_client, to_client, unsplit FROM traffic_raw WHERE scrape_id = ?
                ON CONFLICT (\(key)) DO UPDATE SET \(saturatingUpdate)
                """).execute(arguments: arguments)
        }
    }

    /// The `DO UPDATE SET` list of a roll-up upsert: each column plus the incoming value, saturated
    /// at `Int64.max` instead of overflowing into REAL (both are never negative).
    static let saturatingUpdate = RollUpSQL.saturatingUpdate()
}
