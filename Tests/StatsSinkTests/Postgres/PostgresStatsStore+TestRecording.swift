import Foundation
import PostgresNIO
import StatsSink
@testable import StatsSinkPostgres

extension PostgresStatsStore {
    /// Writes `deltas` as one scrape of `node` at `at` through the same statement as
    /// ``record(_:node:recorder:takeOver:)``, bypassing the ledger (like the SQLite store's test
    /// helper). Users must be distinct.
    func recordDeltas(_ deltas: [TrafficDelta], at: Date, node: String = "n1") async throws {
        try await client.withTransaction(logger: logger) { connection in
            let snapshot = TelemtSnapshot(scrapedAt: at, uptime: 1)
            _ = try await writeScrape(connection, snapshot, node: node, kind: .continued, deltas: deltas, firstSeen: [])
        }
    }

    /// One number a query answers (counts in tests).
    func count(_ query: PostgresQuery) async throws -> Int {
        for try await value in try await client.query(query, logger: logger).decode(Int64.self) { return Int(value) }
        return 0
    }

    /// Empties every traffic table, for another run on the same server.
    func truncate() async throws {
        try await client.query("""
            TRUNCATE node_state, scrape, traffic_raw, traffic_quarter, traffic_hourly, traffic_daily, traffic_total, first_seen, retention_watermark
            """, logger: logger)
    }
}
