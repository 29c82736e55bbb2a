import Foundation
import GRDB

/// The per-node row: the identity of the last recorded scrape and every user's baselines.
extension SQLiteStatsStore {
    static func identity(_ db: Database, node: String) throws -> ScrapeIdentity? {
        try nodeState(db, node: node)?.identity
    }

    /// The node's last scrape identity and per-user baselines, stored together in one row.
    static func nodeState(_ db: Database, node: String) throws -> NodeBaseline? {
        guard let row = try Row.fetchOne(db, sql: "SELECT scraped_at, uptime, baselines FROM node_state WHERE node = ?", arguments: [node])
        else { return nil }
        let blob: Data = row[2]
        let (header, users) = try BaselineCodec.decode(Array(blob))
        let identity = ScrapeIdentity(
            scrapedAt: Date(timeIntervalSince1970: row[0]), uptime: row[1], connectionsTotal: header.connectionsTotal,
            processStartedAt: header.processStartedAt, recorder: header.recorder
        )
        return NodeBaseline(identity: identity, users: users)
    }

    static func saveNodeState(
        _ db: Database, node: String, identity: ScrapeIdentity, baselines: [(user: String, counters: CounterBaseline)]
    ) throws {
        let header = BaselineCodec.Header(
            connectionsTotal: identity.connectionsTotal, processStartedAt: identity.processStartedAt, recorder: identity.recorder
        )
        try db.execute(
            sql: """
                INSERT INTO node_state (node, scraped_at, uptime, baselines) VALUES (?, ?, ?, ?)
                ON CONFLICT (node) DO UPDATE SET
                    scraped_at = excluded.scraped_at, uptime = excluded.uptime, baselines = excluded.baselines
                """,
            arguments: [
                node, identity.scrapedAt.timeIntervalSince1970, identity.uptime,
                Data(BaselineCodec.encode(sorted: baselines, header: header)),
            ]
        )
    }
}
