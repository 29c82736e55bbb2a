import Foundation
import Logging
import StatsSink
import TestSupport
@testable import StatsSinkPostgres

/// Starting a store against a throwaway server (``PostgresServer``), for the PostgreSQL tests.
enum PostgresTesting {
    /// A logger that drops everything.
    static let logger = Logger(label: "telemt-gitops.tests.postgres") { _ in SwiftLogNoOpLogHandler() }

    /// The server's settings, the password read from its password file.
    static func settings(_ server: PostgresServer, sslmode: String? = nil) throws -> PostgresSettings {
        try PostgresSettings(url: server.url(sslmode: sslmode ?? (server.tls ? "require" : "disable")), password: .file(server.passwordFile.path))
    }

    /// Runs `body` with a migrated store on `server`.
    @discardableResult
    static func withStore<T: Sendable>(
        _ server: PostgresServer, ledger: TrafficLedger = TrafficLedger(), _ body: (PostgresStatsStore) async throws -> T
    ) async throws -> T {
        try await PostgresStatsStore.withStore(settings: try settings(server), ledger: ledger, logger: logger, body)
    }
}
