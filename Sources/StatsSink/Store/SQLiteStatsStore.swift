public import Foundation
import GRDB

/// The embedded traffic store: GRDB over the system SQLite, in WAL mode with a busy timeout, with
/// migrations from the first schema version on.
public struct SQLiteStatsStore: StatsStore {
    let writer: any DatabaseWriter
    /// The database file, or `:memory:`.
    public let path: String
    /// The delta rules applied when recording.
    public let ledger: TrafficLedger
    /// Called inside the recording transaction just before it commits; a throw rolls the whole
    /// scrape back. Tests use it to stand for a process killed between scrape and commit.
    var beforeCommit: (@Sendable () throws -> Void)?

    /// Opens (creating if needed) the database at `path` and migrates it to the current schema.
    public init(path: String, ledger: TrafficLedger = TrafficLedger(), busyTimeout: TimeInterval = 5) throws(StatsStoreError) {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "StatsSink"
        // In WAL mode NORMAL never corrupts the database; a power cut may drop the last commits,
        // which the ledger treats like lost scrapes (baselines and deltas roll back together).
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            writer = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StatsStoreError(operation: "open", path: path, message: Self.message(error))
        }
        self.path = path
        self.ledger = ledger
        try migrate()
    }

    /// An in-memory store (for tests and dry runs); it disappears with the value.
    public init(inMemoryWith ledger: TrafficLedger = TrafficLedger()) throws(StatsStoreError) {
        do {
            writer = try DatabaseQueue()
        } catch {
            throw StatsStoreError(operation: "open", path: ":memory:", message: Self.message(error))
        }
        self.path = ":memory:"
        self.ledger = ledger
        try migrate()
    }

    private func migrate() throws(StatsStoreError) {
        do {
            try Self.migrator.migrate(writer)
        } catch {
            throw StatsStoreError(operation: "migrate", path: path, message: Self.message(error))
        }
    }

    /// Records one scrape; see ``StatsStore/record(_:node:recorder:takeOver:)``.
    public func record(
        _ snapshot: TelemtSnapshot, node: String, recorder: RecorderInstance?, takeOver: Bool
    ) async throws(StatsStoreError) -> RecordResult {
        try await run("record") {
            try await writer.write { db in
                let state = try Self.nodeState(db, node: node)
                try RecorderClaim.check(state, recorder: recorder, takeOver: takeOver, node: node, store: path)
                let step = ledger.step(snapshot, after: state)
                let result = RecordResult(step, users: snapshot.userCount, series: snapshot.userSeries)
                guard step.kind != .duplicate else { return result }
                let scrapeID = try Self.insertScrape(db, snapshot, node: node, step: step)
                try Self.insertTraffic(db, step.deltas, scrapeID: scrapeID, node: node)
                try Self.rollUp(db, scrapeID: scrapeID, node: node, at: snapshot.scrapedAt)
                try Self.recordFirstSeen(db, snapshot, deltas: step.deltas, previous: state, node: node)
                let identity = RecorderClaim.identity(snapshot, recorder: recorder, previous: state)
                try Self.saveNodeState(db, node: node, identity: identity, baselines: step.baselines)
                try beforeCommit?()
                return result
            }
        }
    }

    /// Runs a database operation, turning its failure into a ``StatsStoreError``.
    func run<T>(_ operation: String, _ body: () async throws -> T) async throws(StatsStoreError) -> T {
        do {
            return try await body()
        } catch let error as StatsStoreError {
            throw error
        } catch let error as BaselineCodec.CorruptBaselines {
            throw StatsStoreError(operation: "read baselines", path: path, message: error.description)
        } catch {
            throw StatsStoreError(operation: operation, path: path, message: Self.message(error))
        }
    }

    static func message(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return "SQLite error \(error.resultCode.rawValue): \(error.message ?? "unknown")"
        }
        return String(describing: error)
    }
}
