import Foundation
import StatsSink
import TestSupport
import Testing
@testable import StatsSinkPostgres

/// Connecting to a real server: password authentication, TLS, and errors that never show the password.
struct PostgresConnectionTests {
    @Test func connectsWithThePasswordFromAFile() async throws {
        let server = try PostgresServer()
        let versions = try await PostgresTesting.withStore(server) { try await $0.schemaVersions().map(\.version) }
        #expect(versions == Array(1...PostgresMigrations.all.count))
    }

    @Test func aWrongPasswordIsRefusedWithTheServersReasonAndNotEchoed() async throws {
        let server = try PostgresServer()
        let settings = try PostgresSettings(
            url: server.url(sslmode: "disable"), password: .environment(name: "PGPASSWORD", environment: ["PGPASSWORD": "wrong-9f3a"])
        )
        let error = await #expect(throws: StatsStoreError.self) {
            try await PostgresStatsStore.withStore(settings: settings, logger: PostgresTesting.logger) { _ in }
        }
        #expect(error?.operation == "open")
        #expect(error.map { $0.description.contains("password authentication failed") } == true, "\(String(describing: error))")
        #expect(error.map { !$0.description.contains("wrong-9f3a") && !$0.description.contains(server.password) } == true)
    }

    @Test func requiresTLSWhenTheServerAcceptsTLSOnly() async throws {
        let server = try PostgresServer(tls: true)
        let encrypted = try await PostgresTesting.withStore(server) { store in
            try await store.client.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", logger: PostgresTesting.logger)
                .decode(Bool.self).reduce(false) { $0 || $1 }
        }
        #expect(encrypted)
        let plain = try PostgresTesting.settings(server, sslmode: "disable")
        let error = await #expect(throws: StatsStoreError.self) {
            try await PostgresStatsStore.withStore(settings: plain, logger: PostgresTesting.logger) { _ in }
        }
        #expect(error.map { $0.description.contains("no pg_hba.conf entry") } == true, "\(String(describing: error))")
    }

    @Test func verifiesTheServersCertificateAgainstARootFile() async throws {
        let server = try PostgresServer(tls: true)
        let trusted = try PostgresSettings(
            url: server.url(sslmode: "verify-full") + "&sslrootcert=\(server.certificate.path)", password: .file(server.passwordFile.path)
        )
        try await PostgresStatsStore.withStore(settings: trusted, logger: PostgresTesting.logger) { _ in }
        let untrusted = try PostgresTesting.settings(server, sslmode: "verify-full")
        await #expect(throws: StatsStoreError.self) {
            try await PostgresStatsStore.withStore(settings: untrusted, logger: PostgresTesting.logger) { _ in }
        }
    }
}
