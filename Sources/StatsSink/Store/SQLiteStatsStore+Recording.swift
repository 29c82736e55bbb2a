import Foundation
import GRDB

extension SQLiteStatsStore {
    static func insertScrape(_ db: Database, _ snapshot: TelemtSnapshot, node: String, step: LedgerStep) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO scrape (node, at, uptime, kind, version, users, connections) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [
                node, snapshot.scrapedAt.timeIntervalSince1970, snapshot.uptime, step.kind.rawValue,
                snapshot.version, snapshot.users.count, Int64(clamping: snapshot.connectionsCurrent),
            ]
        )
        return db.lastInsertedRowID
    }

    /// Writes one scrape's deltas as raw rows through one cached statement, one row per delta.
    static func insertTraffic(_ db: Database, _ deltas: [TrafficDelta], scrapeID: Int64, node: String) throws {
        let statement = try TrafficRowStatement(
            db, sql: "INSERT INTO traffic_raw (scrape_id, user, from_client, to_client) VALUES (?1, ?3, ?4, ?5)",
            bucket: scrapeID, node: node
        )
        for delta in deltas {
            try statement.run(user: delta.user, fromClient: Int64(clamping: delta.fromClient), toClient: Int64(clamping: delta.toClient))
        }
    }

    /// Adds one scrape's raw rows into the hourly and daily roll-ups (UTC buckets of its time) and
    /// the lifetime totals: one set-based statement per table (per-row upserts cost more, since
    /// each one opens its own statement journal).
    static func rollUp(_ db: Database, scrapeID: Int64, node: String, at: Date) throws {
        let hour = HourBuckets.hourStart(of: at)
        let targets = [
            ("traffic_hourly (hour, node, user", "?, ?,", "hour, node, user", [hour, node, scrapeID] as StatementArguments),
            ("traffic_daily (day, node, user", "?, ?,", "day, node, user", [HourBuckets.dayStart(ofHour: hour), node, scrapeID]),
            ("traffic_total (node, user", "?,", "node, user", [node, scrapeID]),
        ]
        for (table, bucket, key, arguments) in targets {
            try db.cachedStatement(sql: """
                INSERT INTO \(table), from_client, to_client)
                SELECT \(bucket) user, from_client, to_client FROM traffic_raw WHERE scrape_id = ?
                ON CONFLICT (\(key)) DO UPDATE SET
                    from_client = from_client + excluded.from_client,
                    to_client = to_client + excluded.to_client
                """).execute(arguments: arguments)
        }
    }
}
