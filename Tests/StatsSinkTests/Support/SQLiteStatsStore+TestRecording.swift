import Foundation
import GRDB
@testable import StatsSink

extension SQLiteStatsStore {
    /// Writes `deltas` as one scrape of `node` at `at` through the same insert and roll-up
    /// statements as ``record(_:node:)``, bypassing the ledger (whose counters cannot produce
    /// unsplit bytes or arbitrary deltas near 2⁶⁴). Users must be distinct.
    func recordDeltas(_ deltas: [TrafficDelta], at: Date, node: String = "n1") throws {
        try writer.write { db in
            let snapshot = TelemtSnapshot(scrapedAt: at, uptime: 1)
            let id = try Self.insertScrape(db, snapshot, node: node, step: LedgerStep(kind: .continued, deltas: deltas))
            try Self.insertTraffic(db, deltas, scrapeID: id, node: node)
            try Self.rollUp(db, scrapeID: id, node: node, at: at)
        }
    }

    /// How many values in the traffic tables are not integers (REAL, TEXT, NULL): must be none.
    func nonIntegerTrafficValues() throws -> Int {
        try writer.read { db in
            try ["traffic_raw", "traffic_quarter", "traffic_hourly", "traffic_daily", "traffic_total"].reduce(0) { count, table in
                let sql = "SELECT COUNT(*) FROM \(table) WHERE typeof(from_client) <> 'integer' "
                    + "OR typeof(to_client) <> 'integer' OR typeof(unsplit) <> 'integer'"
                return count + (try Int.fetchOne(db, sql: sql) ?? 0)
            }
        }
    }

    /// An in-memory copy of this store's database, for trying destructive operations on the same data.
    func copy() throws -> SQLiteStatsStore {
        let copy = try SQLiteStatsStore(inMemoryWith: ledger)
        try writer.backup(to: copy.writer)
        return copy
    }
}
