import Foundation
import PostgresNIO
public import StatsSink

extension PostgresStatsStore {
    /// The key of the advisory lock retention runs hold: hosts of a fleet pruning at the same time
    /// prune one after the other (the second finds nothing left to fold) instead of deleting the
    /// same rows in different orders, which could deadlock.
    static let retentionLockKey: Int64 = 0x7465_6C65_6D74_0002

    /// Thins out stored traffic in one transaction, with the SQLite store's rules; see
    /// ``StatsStore/prune(_:)``.
    ///
    /// Quarter-hour rows before the (hour-aligned) cutoff are moved into `traffic_hourly` by one
    /// statement that deletes them and adds what it deleted (so a scrape committing into one of
    /// them meanwhile is either folded with it or left for the next run, never lost); hourly rows
    /// before the (UTC-day-aligned) cutoff are deleted, and both cutoffs are kept as watermarks.
    @discardableResult
    public func prune(_ cutoffs: RetentionCutoffs) async throws(StatsStoreError) -> PruneResult {
        let (quarterCut, hourCut) = (cutoffs.quarterCut, cutoffs.hourCut)
        return try await run("prune") {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.retentionLockKey))", logger: logger)
                var result = PruneResult()
                result.rawRows = try await count(connection, """
                    DELETE FROM traffic_raw WHERE scrape_id IN (
                        SELECT id FROM scrape WHERE id >= (SELECT MIN(scrape_id) FROM traffic_raw) AND at < \(cutoffs.rawTraffic.timeIntervalSince1970))
                    """)
                result.quarterRows = try await foldQuarters(connection, before: quarterCut)
                try await raiseWatermark(connection, level: "quarter", to: quarterCut)
                result.hourlyRows = try await count(connection, "DELETE FROM traffic_hourly WHERE hour < \(hourCut)")
                try await raiseWatermark(connection, level: "hourly", to: hourCut)
                result.scrapes = try await count(connection, """
                    DELETE FROM scrape WHERE at < \(cutoffs.scrapes.timeIntervalSince1970)
                        AND NOT EXISTS (SELECT 1 FROM traffic_raw WHERE scrape_id = scrape.id)
                    """)
                return result
            }
        }
    }

    /// Moves every quarter-hour row before `cutoff` into its UTC hour (sums saturating at 8 EiB, the
    /// four quarters of an hour added up first: one upsert may not touch a row twice).
    private func foldQuarters(_ connection: PostgresConnection, before cutoff: Int64) async throws -> Int {
        let saturated = RollUpSQL.byteColumns.map { "LEAST(SUM(\($0)), 9223372036854775807)::int8" }.joined(separator: ", ")
        var binds = PostgresBindings()
        binds.append(cutoff)
        let rows = try await connection.query(PostgresQuery(unsafeSQL: """
            WITH moved AS (DELETE FROM traffic_quarter WHERE quarter < $1 RETURNING *),
            folded AS (
                INSERT INTO traffic_hourly AS t (hour, node, "user", from_client, to_client, unsplit)
                SELECT quarter - ((quarter % 3600) + 3600) % 3600, node, "user", \(saturated)
                FROM moved GROUP BY 1, node, "user"
                ON CONFLICT (hour, node, "user") DO UPDATE SET \(RollUpSQL.saturatingUpdate(qualifiedBy: "t"))
            )
            SELECT COUNT(*) FROM moved
            """, binds: binds), logger: logger)
        for try await moved in rows.decode(Int64.self) { return Int(moved) }
        return 0
    }

    private func raiseWatermark(_ connection: PostgresConnection, level: String, to cutoff: Int64) async throws {
        try await connection.query("""
            INSERT INTO retention_watermark (level, pruned_before) VALUES (\(level), \(cutoff))
            ON CONFLICT (level) DO UPDATE SET pruned_before = GREATEST(retention_watermark.pruned_before, excluded.pruned_before)
            """, logger: logger)
    }

    /// The start of the oldest UTC day that may still have hourly rows (`Int64.min` when nothing was
    /// ever pruned), as in the SQLite store.
    func fineHistoryStart(_ connection: PostgresConnection) async throws -> Int64 {
        let rows = try await connection.query("SELECT pruned_before FROM retention_watermark WHERE level = 'hourly'", logger: logger)
        for try await start in rows.decode(Int64.self) { return start }
        return .min
    }

    /// Runs a data-changing statement and answers how many rows it changed.
    private func count(_ connection: PostgresConnection, _ statement: PostgresQuery) async throws -> Int {
        let counted = PostgresQuery(unsafeSQL: "WITH changed AS (\(statement.sql) RETURNING 1) SELECT COUNT(*) FROM changed", binds: statement.binds)
        let rows = try await connection.query(counted, logger: logger)
        for try await changed in rows.decode(Int64.self) { return Int(changed) }
        return 0
    }
}
