import Foundation
public import Logging
public import PostgresNIO
public import StatsSink

/// The shared traffic store of a fleet: the same ledger, roll-ups and guarantees as
/// ``SQLiteStatsStore`` in a PostgreSQL database that every node records into.
///
/// Each scrape is recorded in one transaction that first locks the node's row
/// (`SELECT … FOR UPDATE`), so scrapes of one node are applied one after another whichever host
/// sends them, and other nodes record at the same time. Usage sums every node's rows.
///
/// The store runs its queries on PostgresNIO's event loops, off Swift's cooperative pool. It needs a
/// running ``PostgresClient``: ``withStore(settings:ledger:logger:_:)`` runs one around a body.
public struct PostgresStatsStore: StatsStore {
    let client: PostgresClient
    let logger: Logger
    /// The database, as `postgres://user@host:port/database?sslmode=…` (never the password): what
    /// errors name.
    public let name: String
    /// The delta rules applied when recording.
    public let ledger: TrafficLedger
    /// Called inside the recording transaction just before it commits; a throw rolls the whole
    /// scrape back. Tests use it to stand for a process killed between scrape and commit.
    var beforeCommit: (@Sendable () throws -> Void)?

    /// A store over `client`, whose ``PostgresClient/run()`` the caller runs (a service of its
    /// group). Call ``migrate()`` before recording.
    public init(client: PostgresClient, name: String, ledger: TrafficLedger = TrafficLedger(), logger: Logger) {
        self.client = client
        self.name = name
        self.ledger = ledger
        self.logger = logger
    }

    /// Checks `settings` with one connection (so a wrong password or a refused TLS fails at once with
    /// the server's reason), runs a client for the body's duration, migrates the schema and hands
    /// the store to `body`.
    public static func withStore<Result: Sendable>(
        settings: PostgresSettings, ledger: TrafficLedger = TrafficLedger(), logger: Logger,
        _ body: (PostgresStatsStore) async throws -> Result
    ) async throws -> Result {
        let name = settings.description
        do {
            let connection = try await PostgresConnection.connect(configuration: try settings.connectionConfiguration(), id: 0, logger: logger)
            try? await connection.close()
        } catch let error as PostgresSettingsError {
            throw error
        } catch {
            throw StatsStoreError(operation: "open", path: name, message: message(error))
        }
        let client = PostgresClient(configuration: try settings.clientConfiguration(), backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            let store = PostgresStatsStore(client: client, name: name, ledger: ledger, logger: logger)
            try await store.migrate()
            return try await body(store)
        }
    }

    /// Runs a database operation, turning its failure into a ``StatsStoreError`` naming the database.
    func run<T>(_ operation: String, _ body: () async throws -> T) async throws(StatsStoreError) -> T {
        do {
            return try await body()
        } catch {
            throw storeError(operation, error)
        }
    }

    func storeError(_ operation: String, _ error: any Error) -> StatsStoreError {
        if let error = error as? PostgresTransactionError, let inner = error.closureError {
            return storeError(operation, inner)
        }
        if let error = error as? StatsStoreError { return error }
        if let error = error as? BaselineCodec.CorruptBaselines {
            return StatsStoreError(operation: "read baselines", path: name, message: error.description)
        }
        return StatsStoreError(operation: operation, path: name, message: Self.message(error))
    }

    /// The server's message and SQLSTATE, or the connection failure; PostgresNIO's own description
    /// of its errors is deliberately vague.
    static func message(_ error: any Error) -> String {
        if let error = error as? PostgresTransactionError {
            if let inner = error.closureError ?? error.commitError ?? error.beginError { return message(inner) }
        }
        guard let error = error as? PSQLError else { return String(describing: error) }
        if let info = error.serverInfo, let text = info[.message] {
            return "PostgreSQL error \(info[.sqlState] ?? "?"): \(text)"
        }
        return "PostgreSQL \(error.code)" + (error.underlying.map { ": \($0)" } ?? "")
    }
}
