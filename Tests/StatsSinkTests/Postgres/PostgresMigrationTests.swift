import Foundation
import StatsSink
import TestSupport
import Testing
@testable import StatsSinkPostgres

/// Append-only migrations in `schema_version`.
struct PostgresMigrationTests {
    @Test func migratingAgainChangesNothing() async throws {
        let server = try PostgresServer()
        let (first, second) = try await PostgresTesting.withStore(server) { store in
            let first = try await store.schemaVersions().map(\.name)
            try await store.migrate()
            return (first, try await store.schemaVersions().map(\.name))
        }
        #expect(first == PostgresMigrations.all.map(\.name) && second == first)
        // A second host opening the same database later migrates nothing either.
        let third = try await PostgresTesting.withStore(server) { try await $0.schemaVersions().map(\.name) }
        #expect(third == first)
    }

    @Test func aDatabaseFromANewerVersionIsRefused() async throws {
        let server = try PostgresServer()
        try await PostgresTesting.withStore(server) { store in
            _ = try await store.client.query("INSERT INTO schema_version (version, name) VALUES (99, 'v99: from the future')", logger: PostgresTesting.logger)
        }
        let error = await #expect(throws: StatsStoreError.self) { try await PostgresTesting.withStore(server) { _ in } }
        #expect(error?.operation == "migrate")
        #expect(error.map { $0.message.contains("schema version 99") } == true)
    }
}
