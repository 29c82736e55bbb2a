import Foundation
import PostgresNIO
public import StatsSink

/// The per-node row: the identity of the last recorded scrape and every user's baselines, in the
/// same binary form as the SQLite store's (``BaselineCodec``).
extension PostgresStatsStore {
    /// Locks the node's row for the rest of the transaction (creating it empty on the node's first
    /// scrape) and reads its state: scrapes of one node are applied one after another. The lock
    /// also sets `synchronous_commit = off` for the transaction, the meaning of SQLite's
    /// `synchronous = NORMAL`: a crash may drop the last commits (never corrupt anything), which
    /// the ledger treats like lost scrapes, baselines and deltas together.
    func lockNodeState(_ connection: PostgresConnection, node: String) async throws -> NodeBaseline? {
        if let found = try await lockedState(connection, node: node) { return found }
        try await connection.query("INSERT INTO node_state (node) VALUES (\(node)) ON CONFLICT (node) DO NOTHING", logger: logger)
        if let found = try await lockedState(connection, node: node) { return found }
        throw StatsStoreError(operation: "record", path: name, message: "the node_state row of \(node) is missing right after its insert")
    }

    /// The locked row's state (nil inside when the row is still empty), or nil when there is no row.
    private func lockedState(_ connection: PostgresConnection, node: String) async throws -> NodeBaseline?? {
        let rows = try await connection.query("""
            SELECT scraped_at, uptime, baselines, set_config('synchronous_commit', 'off', true)
            FROM node_state WHERE node = \(node) FOR UPDATE
            """, logger: logger)
        for try await (scrapedAt, uptime, blob, _) in rows.decode((Double?, Double?, ByteBuffer?, String).self) {
            return .some(try Self.baseline(scrapedAt: scrapedAt, uptime: uptime, blob: blob))
        }
        return .none
    }

    /// The node's last scrape identity and per-user baselines (nil before its first recorded scrape).
    func nodeState(_ connection: PostgresConnection, node: String) async throws -> NodeBaseline? {
        let rows = try await connection.query("SELECT scraped_at, uptime, baselines FROM node_state WHERE node = \(node)", logger: logger)
        for try await (scrapedAt, uptime, blob) in rows.decode((Double?, Double?, ByteBuffer?).self) {
            return try Self.baseline(scrapedAt: scrapedAt, uptime: uptime, blob: blob)
        }
        return nil
    }

    private static func baseline(scrapedAt: Double?, uptime: Double?, blob: ByteBuffer?) throws -> NodeBaseline? {
        guard let scrapedAt, let uptime, let blob else { return nil }
        let (header, users) = try BaselineCodec.decode(Array(blob.readableBytesView))
        let identity = ScrapeIdentity(
            scrapedAt: Date(timeIntervalSince1970: scrapedAt), uptime: uptime, connectionsTotal: header.connectionsTotal,
            processStartedAt: header.processStartedAt, recorder: header.recorder
        )
        return NodeBaseline(identity: identity, users: users)
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
