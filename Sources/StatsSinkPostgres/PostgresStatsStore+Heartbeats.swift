import Foundation
import PostgresNIO
public import StatsSink

extension PostgresStatsStore {
    /// Every node with a recorded scrape, with its last scrape time and recorder; see
    /// ``StatsStore/heartbeats()``. Rows created by a first scrape still being recorded (their
    /// state columns NULL until it commits) are left out.
    ///
    /// Reads only the first bytes of each node's baselines (where the recorder is kept), and all
    /// of a header only for a recorder longer than that.
    public func heartbeats() async throws(StatsStoreError) -> [NodeHeartbeat] {
        try await run("read heartbeats") {
            try await client.withConnection { connection in
                var beats: [NodeHeartbeat] = []
                for (node, at, prefix) in try await headerPrefixes(connection, length: BaselineCodec.headerPrefix, node: nil) {
                    if let beat = NodeHeartbeat(node: node, scrapedAt: at, baselinesPrefix: prefix, requested: BaselineCodec.headerPrefix) {
                        beats.append(beat)
                        continue
                    }
                    let whole = try await headerPrefixes(connection, length: BaselineCodec.longestHeader, node: node).first?.prefix ?? []
                    beats.append(
                        NodeHeartbeat(node: node, scrapedAt: at, baselinesPrefix: whole, requested: BaselineCodec.longestHeader)
                            ?? NodeHeartbeat(node: node, lastScrape: Date(timeIntervalSince1970: at))
                    )
                }
                return beats
            }
        }
    }

    /// Recorded nodes (all, or `node`), sorted, with their scrape time and the first `length` bytes of their baselines.
    private func headerPrefixes(
        _ connection: PostgresConnection, length: Int, node: String?
    ) async throws -> [(node: String, at: Double, prefix: [UInt8])] {
        let rows = try await connection.query("""
            SELECT node, scraped_at, substring(baselines FROM 1 FOR \(Int32(length))) FROM node_state
            WHERE scraped_at IS NOT NULL AND (\(node)::text IS NULL OR node = \(node)) ORDER BY node
            """, logger: logger)
        var result: [(node: String, at: Double, prefix: [UInt8])] = []
        for try await (name, at, prefix) in rows.decode((String, Double, ByteBuffer?).self) {
            result.append((name, at, prefix.map { Array($0.readableBytesView) } ?? []))
        }
        return result
    }
}
