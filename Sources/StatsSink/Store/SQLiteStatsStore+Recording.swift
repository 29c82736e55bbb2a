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

    static func saveNodeState(
        _ db: Database, node: String, identity: ScrapeIdentity, baselines: [(user: String, counters: CounterBaseline)]
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO node_state (node, scraped_at, uptime, baselines) VALUES (?, ?, ?, ?)
                ON CONFLICT (node) DO UPDATE SET
                    scraped_at = excluded.scraped_at, uptime = excluded.uptime, baselines = excluded.baselines
                """,
            arguments: [node, identity.scrapedAt.timeIntervalSince1970, identity.uptime, Data(BaselineCodec.encode(sorted: baselines))]
        )
    }
}
