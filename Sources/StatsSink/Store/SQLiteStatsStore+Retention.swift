import Foundation
import GRDB

extension SQLiteStatsStore {
    /// Thins out stored traffic in one transaction; see ``StatsStore/prune(_:)``.
    ///
    /// Quarter-hour rows before the (hour-aligned) cutoff are added into `traffic_hourly` and then
    /// deleted; hourly rows before the (UTC-day-aligned) cutoff are deleted, and that cutoff is
    /// kept as a watermark so queries know which days have no fine rows left.
    @discardableResult
    public func prune(_ cutoffs: RetentionCutoffs) async throws -> PruneResult {
        let (quarterCut, hourCut) = (cutoffs.quarterCut, cutoffs.hourCut)
        return try await run("prune") {
            try await writer.write { db in
                var result = PruneResult()
                result.rawRows = try Self.pruneRaw(db, before: cutoffs.rawTraffic)
                result.quarterRows = try Self.foldQuarters(db, before: quarterCut)
                // A fold can change a span that starts inside an hour (zones at +05:30): the watermark
                // moves with it, so the usage version moves too.
                try Self.raiseWatermark(db, level: "quarter", to: quarterCut)
                try db.execute(sql: "DELETE FROM traffic_hourly WHERE hour < ?", arguments: [hourCut])
                result.hourlyRows = db.changesCount
                try Self.raiseWatermark(db, level: "hourly", to: hourCut)
                try db.execute(
                    sql: "DELETE FROM scrape WHERE at < ? AND NOT EXISTS (SELECT 1 FROM traffic_raw WHERE scrape_id = scrape.id)",
                    arguments: [cutoffs.scrapes.timeIntervalSince1970]
                )
                result.scrapes = db.changesCount
                return result
            }
        }
    }

    /// Deletes raw rows of scrapes before `cutoff`, looking only at scrapes since the oldest one
    /// that still has raw rows (scrape rows outlive their raw rows by months; `+at` keeps SQLite
    /// on that rowid range instead of the index over every old scrape).
    private static func pruneRaw(_ db: Database, before cutoff: Date) throws -> Int {
        try db.execute(
            sql: """
                DELETE FROM traffic_raw WHERE scrape_id IN (
                    SELECT id FROM scrape WHERE id >= (SELECT MIN(scrape_id) FROM traffic_raw) AND +at < ?)
                """,
            arguments: [cutoff.timeIntervalSince1970]
        )
        return db.changesCount
    }

    /// Adds every quarter-hour row before `cutoff` into its UTC hour (saturating), then deletes them.
    private static func foldQuarters(_ db: Database, before cutoff: Int64) throws -> Int {
        try db.execute(
            sql: """
                INSERT INTO traffic_hourly (hour, node, user, from_client, to_client, unsplit)
                SELECT quarter - ((quarter % 3600) + 3600) % 3600, node, user, from_client, to_client, unsplit
                FROM traffic_quarter WHERE quarter < ?
                ON CONFLICT (hour, node, user) DO UPDATE SET \(saturatingUpdate)
                """,
            arguments: [cutoff]
        )
        try db.execute(sql: "DELETE FROM traffic_quarter WHERE quarter < ?", arguments: [cutoff])
        return db.changesCount
    }

    private static func raiseWatermark(_ db: Database, level: String, to cutoff: Int64) throws {
        try db.execute(
            sql: """
                INSERT INTO retention_watermark (level, pruned_before) VALUES (?, ?)
                ON CONFLICT (level) DO UPDATE SET pruned_before = MAX(pruned_before, excluded.pruned_before)
                """,
            arguments: [level, cutoff]
        )
    }

    /// The start of the oldest UTC day that may still have hourly rows: before it only daily
    /// buckets are left (`Int64.min` when nothing was ever pruned).
    static func fineHistoryStart(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT pruned_before FROM retention_watermark WHERE level = 'hourly'") ?? .min
    }

    /// Rows currently kept in a roll-up table (for retention checks and audits).
    func rowCount(_ table: RollUpTable) async throws -> Int {
        try await run("count rows") { try await writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \(table.rawValue)") ?? 0 } }
    }

    /// Scrape rows (system samples) currently kept, of every node.
    func scrapeCount() async throws -> Int {
        try await run("count scrapes") { try await writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM scrape") ?? 0 } }
    }
}
