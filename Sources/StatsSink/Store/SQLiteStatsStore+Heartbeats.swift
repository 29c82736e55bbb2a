import Foundation
import GRDB

extension SQLiteStatsStore {
    /// Every recorded node with its last scrape time and recorder; see ``StatsStore/heartbeats()``.
    ///
    /// Reads only the first bytes of each node's baselines (where the recorder is kept), and all
    /// of a header only for a recorder longer than that.
    public func heartbeats() async throws(StatsStoreError) -> [NodeHeartbeat] {
        try await run("read heartbeats") {
            try await writer.read { db in
                let rows = try Row.fetchAll(
                    db, sql: "SELECT node, scraped_at, substr(baselines, 1, ?) FROM node_state ORDER BY node",
                    arguments: [BaselineCodec.headerPrefix]
                )
                return try rows.map { row in
                    let (node, at, prefix): (String, Double, Data) = (row[0], row[1], row[2])
                    if let beat = NodeHeartbeat(node: node, scrapedAt: at, baselinesPrefix: Array(prefix), requested: BaselineCodec.headerPrefix) {
                        return beat
                    }
                    let whole = try Data.fetchOne(
                        db, sql: "SELECT substr(baselines, 1, ?) FROM node_state WHERE node = ?", arguments: [BaselineCodec.longestHeader, node]
                    )
                    return NodeHeartbeat(node: node, scrapedAt: at, baselinesPrefix: Array(whole ?? Data()), requested: BaselineCodec.longestHeader)
                        ?? NodeHeartbeat(node: node, lastScrape: Date(timeIntervalSince1970: at))
                }
            }
        }
    }
}
