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

    /// Writes one scrape's deltas as raw rows and adds them into the hourly and daily roll-ups
    /// (UTC buckets of its time) and the lifetime totals: one cached statement per table, one row
    /// per delta, driven from the deltas in memory.
    static func insertTraffic(_ db: Database, _ deltas: [TrafficDelta], scrapeID: Int64, node: String, at: Date) throws {
        guard !deltas.isEmpty else { return }
        let hour = HourBuckets.hourStart(of: at)
        let statements = [
            try TrafficRowStatement(
                db, sql: "INSERT INTO traffic_raw (scrape_id, user, from_client, to_client) VALUES (?1, ?3, ?4, ?5)",
                bucket: scrapeID, node: node
            ),
            try TrafficRowStatement(db, sql: upsert("traffic_hourly (hour, node, user", "?1, ?2", "hour, node, user"), bucket: hour, node: node),
            try TrafficRowStatement(
                db, sql: upsert("traffic_daily (day, node, user", "?1, ?2", "day, node, user"),
                bucket: HourBuckets.dayStart(ofHour: hour), node: node
            ),
            try TrafficRowStatement(db, sql: upsert("traffic_total (node, user", "?2", "node, user"), bucket: 0, node: node),
        ]
        for delta in deltas {
            let from = Int64(clamping: delta.fromClient)
            let to = Int64(clamping: delta.toClient)
            for statement in statements {
                try statement.run(user: delta.user, fromClient: from, toClient: to)
            }
        }
    }

    /// An upsert that adds a row's bytes into a roll-up table.
    private static func upsert(_ table: String, _ bucket: String, _ key: String) -> String {
        """
        INSERT INTO \(table), from_client, to_client) VALUES (\(bucket), ?3, ?4, ?5)
        ON CONFLICT (\(key)) DO UPDATE SET
            from_client = from_client + excluded.from_client,
            to_client = to_client + excluded.to_client
        """
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
