import Foundation
import PostgresNIO
public import StatsSink

/// The per-node row: the identity of the last recorded scrape and every user's baselines, in the
/// same binary form as the SQLite store's (``BaselineCodec``).
extension PostgresStatsStore {
    /// Locks the node's row for the rest of the transaction (creating it empty on the node's first
    /// scrape) and reads its state: scrapes of one node are applied one after another.
    func lockNodeState(_ connection: PostgresConnection, node: String) async throws -> NodeBaseline? {
        try await connection.query("INSERT INTO node_state (node) VALUES (\(node)) ON CONFLICT (node) DO NOTHING", logger: logger)
        return try await nodeState(connection, node: node, lock: true)
    }

    /// The node's last scrape identity and per-user baselines (nil before its first recorded scrape).
    func nodeState(_ connection: PostgresConnection, node: String, lock: Bool = false) async throws -> NodeBaseline? {
        let query: PostgresQuery = lock
            ? "SELECT scraped_at, uptime, baselines FROM node_state WHERE node = \(node) FOR UPDATE"
            : "SELECT scraped_at, uptime, baselines FROM node_state WHERE node = \(node)"
        let rows = try await connection.query(query, logger: logger)
        for try await (scrapedAt, uptime, blob) in rows.decode((Double?, Double?, ByteBuffer?).self) {
            guard let scrapedAt, let uptime, let blob else { return nil }
            let (header, users) = try BaselineCodec.decode(Array(blob.readableBytesView))
            let identity = ScrapeIdentity(
                scrapedAt: Date(timeIntervalSince1970: scrapedAt), uptime: uptime, connectionsTotal: header.connectionsTotal,
                processStartedAt: header.processStartedAt, recorder: header.recorder
            )
            return NodeBaseline(identity: identity, users: users)
        }
        return nil
    }

    /// Saves the node's new identity and baselines, and `trafficScrape` as its last scrape with
    /// traffic when the scrape had any.
    func saveNodeState(
        _ connection: PostgresConnection, node: String, identity: ScrapeIdentity, baselines: [(user: String, counters: CounterBaseline)],
        trafficScrape: Int64?
    ) async throws {
        let header = BaselineCodec.Header(
            connectionsTotal: identity.connectionsTotal, processStartedAt: identity.processStartedAt, recorder: identity.recorder
        )
        let blob = ByteBuffer(bytes: BaselineCodec.encode(sorted: baselines, header: header))
        try await connection.query("""
            UPDATE node_state SET scraped_at = \(identity.scrapedAt.timeIntervalSince1970), uptime = \(identity.uptime),
                baselines = \(blob), traffic_scrape = COALESCE(\(trafficScrape), traffic_scrape) WHERE node = \(node)
            """, logger: logger)
    }

    /// The identity of the last scrape recorded for `node`.
    public func lastScrape(node: String) async throws(StatsStoreError) -> ScrapeIdentity? {
        try await run("read last scrape") {
            try await client.withConnection { try await nodeState($0, node: node)?.identity }
        }
    }

    /// The names of the nodes with a recorded scrape, sorted.
    public func nodes() async throws(StatsStoreError) -> [String] {
        try await run("list nodes") {
            try await client.withConnection { connection in
                let rows = try await connection.query("SELECT node FROM node_state WHERE scraped_at IS NOT NULL ORDER BY node", logger: logger)
                var names: [String] = []
                for try await name in rows.decode(String.self) { names.append(name) }
                return names
            }
        }
    }
}
