import Foundation
import GRDB

extension SQLiteStatsStore {
    static func identity(_ db: Database, node: String) throws -> ScrapeIdentity? {
        let row = try Row.fetchOne(db, sql: "SELECT scraped_at, uptime FROM node_state WHERE node = ?", arguments: [node])
        return row.map { ScrapeIdentity(scrapedAt: Date(timeIntervalSince1970: $0[0]), uptime: $0[1]) }
    }

    /// The node's last scrape identity and per-user baselines, stored together in one row.
    static func nodeState(_ db: Database, node: String) throws -> (identity: ScrapeIdentity, baselines: [String: CounterBaseline])? {
        guard let row = try Row.fetchOne(db, sql: "SELECT scraped_at, uptime, baselines FROM node_state WHERE node = ?", arguments: [node])
        else { return nil }
        let blob: Data = row[2]
        let identity = ScrapeIdentity(scrapedAt: Date(timeIntervalSince1970: row[0]), uptime: row[1])
        return (identity, try BaselineCodec.decode(Array(blob)))
    }

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

    static func insertTraffic(_ db: Database, _ deltas: [TrafficDelta], scrapeID: Int64) throws {
        try insertBatched(db, head: "INSERT INTO traffic_raw (scrape_id, user, from_client, to_client)", width: 4, count: deltas.count) {
            let delta = deltas[$0]
            return [scrapeID, delta.user, Int64(clamping: delta.fromClient), Int64(clamping: delta.toClient)]
        }
    }

    /// Adds one scrape's raw rows into the hourly and daily roll-ups (UTC buckets of its time) and
    /// the lifetime totals.
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

    /// Inserts `count` rows of `width` values with multi-row `VALUES` lists, 256 rows a statement.
    static func insertBatched(
        _ db: Database, head: String, tail: String = "", width: Int, count: Int,
        row: (Int) -> [any DatabaseValueConvertible]
    ) throws {
        let batch = 256
        let tuple = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
        for start in stride(from: 0, to: count, by: batch) {
            let rows = min(batch, count - start)
            let sql = head + " VALUES " + Array(repeating: tuple, count: rows).joined(separator: ", ") + " " + tail
            var values: [any DatabaseValueConvertible] = []
            values.reserveCapacity(rows * width)
            for index in start..<start + rows { values += row(index) }
            try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(values))
        }
    }

    static func saveNodeState(_ db: Database, node: String, identity: ScrapeIdentity, baselines: [String: CounterBaseline]) throws {
        try db.execute(
            sql: """
                INSERT INTO node_state (node, scraped_at, uptime, baselines) VALUES (?, ?, ?, ?)
                ON CONFLICT (node) DO UPDATE SET
                    scraped_at = excluded.scraped_at, uptime = excluded.uptime, baselines = excluded.baselines
                """,
            arguments: [node, identity.scrapedAt.timeIntervalSince1970, identity.uptime, Data(BaselineCodec.encode(baselines))]
        )
    }
}
