import Foundation
import GRDB

extension SQLiteStatsStore {
    static func identity(_ db: Database, node: String) throws -> ScrapeIdentity? {
        let row = try Row.fetchOne(db, sql: "SELECT scraped_at, uptime FROM node_state WHERE node = ?", arguments: [node])
        return row.map { ScrapeIdentity(scrapedAt: Date(timeIntervalSince1970: $0[0]), uptime: $0[1]) }
    }

    static func baselines(_ db: Database, node: String) throws -> [String: CounterBaseline] {
        var result: [String: CounterBaseline] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT user, from_client, to_client FROM counter_baseline WHERE node = ?", arguments: [node]
        )
        while let row = try rows.next() {
            let from: Int64 = row[1]
            let to: Int64 = row[2]
            result[row[0]] = CounterBaseline(fromClient: UInt64(clamping: from), toClient: UInt64(clamping: to))
        }
        return result
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
        let statement = try db.cachedStatement(
            sql: "INSERT INTO traffic_raw (scrape_id, user, from_client, to_client) VALUES (?, ?, ?, ?)"
        )
        for delta in deltas {
            try statement.execute(arguments: [scrapeID, delta.user, Int64(clamping: delta.fromClient), Int64(clamping: delta.toClient)])
        }
    }

    /// Adds one scrape's raw rows into the hourly and daily roll-ups (UTC buckets of its time).
    static func rollUp(_ db: Database, scrapeID: Int64, node: String, at: Date) throws {
        let hour = HourBuckets.hourStart(of: at)
        for (table, column, bucket) in [("traffic_hourly", "hour", hour), ("traffic_daily", "day", HourBuckets.dayStart(ofHour: hour))] {
            try db.execute(
                sql: """
                    INSERT INTO \(table) (\(column), node, user, from_client, to_client)
                    SELECT ?, ?, user, from_client, to_client FROM traffic_raw WHERE scrape_id = ?
                    ON CONFLICT (\(column), node, user) DO UPDATE SET
                        from_client = from_client + excluded.from_client,
                        to_client = to_client + excluded.to_client
                    """,
                arguments: [bucket, node, scrapeID]
            )
        }
    }

    static func saveBaselines(_ db: Database, _ step: LedgerStep, node: String) throws {
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO counter_baseline (node, user, from_client, to_client) VALUES (?, ?, ?, ?)
            ON CONFLICT (node, user) DO UPDATE SET from_client = excluded.from_client, to_client = excluded.to_client
            """)
        for (user, baseline) in step.updatedBaselines {
            try upsert.execute(arguments: [node, user, Int64(clamping: baseline.fromClient), Int64(clamping: baseline.toClient)])
        }
        let delete = try db.cachedStatement(sql: "DELETE FROM counter_baseline WHERE node = ? AND user = ?")
        for user in step.vanished {
            try delete.execute(arguments: [node, user])
        }
    }

    static func saveIdentity(_ db: Database, _ identity: ScrapeIdentity, node: String) throws {
        try db.execute(
            sql: """
                INSERT INTO node_state (node, scraped_at, uptime) VALUES (?, ?, ?)
                ON CONFLICT (node) DO UPDATE SET scraped_at = excluded.scraped_at, uptime = excluded.uptime
                """,
            arguments: [node, identity.scrapedAt.timeIntervalSince1970, identity.uptime]
        )
    }
}
