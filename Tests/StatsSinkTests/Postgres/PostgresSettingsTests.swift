import Foundation
import Testing
@testable import StatsSinkPostgres

/// The store's connection settings: parsed from a URL, the password from a file or the
/// environment and never printed.
struct PostgresSettingsTests {
    @Test func parsesTheURLAndReadsThePasswordFromTheEnvironment() throws {
        let settings = try PostgresSettings(
            url: "postgres://telemt@db.example.org:6432/stats?sslmode=verify-full&sslrootcert=/etc/ssl/ca.pem",
            password: .environment(name: "PGPASSWORD", environment: ["PGPASSWORD": "s3cret"])
        )
        #expect(settings.host == "db.example.org" && settings.port == 6432 && settings.user == "telemt" && settings.database == "stats")
        #expect(settings.tlsMode == .verifyFull && settings.rootCertificate == "/etc/ssl/ca.pem")
        #expect(settings.password == "s3cret")
        #expect(settings.description == "postgres://telemt@db.example.org:6432/stats?sslmode=verify-full")
    }

    @Test func defaultsToPortFiveFourThreeTwoAndPreferredTLS() throws {
        let settings = try PostgresSettings(url: "postgresql://u@h/d", password: .none)
        #expect(settings.port == 5432 && settings.tlsMode == .prefer && settings.password == nil)
    }

    @Test func readsThePasswordFileWithoutItsNewline() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("p@ss word\n".utf8).write(to: file)
        #expect(try PostgresSettings(url: "postgres://u@h/d", password: .file(file.path)).password == "p@ss word")
        try Data("\n".utf8).write(to: file)
        #expect(throws: PostgresSettingsError(code: .password, message: "the password file \(file.path) is empty")) {
            try PostgresSettings(url: "postgres://u@h/d", password: .file(file.path))
        }
    }

    @Test func refusesAPasswordInTheURLWithoutEchoingIt() throws {
        let error = #expect(throws: PostgresSettingsError.self) {
            try PostgresSettings(url: "postgres://telemt:hunter2@h:5432/d", password: .none)
        }
        #expect(error?.code == .password)
        #expect(error.map { !$0.description.contains("hunter2") && $0.description.contains("postgres://telemt:***@h:5432/d") } == true)
    }

    @Test(arguments: [
        ("mysql://u@h/d", PostgresSettingsError.Code.url), ("postgres://h/d", .url), ("postgres://u@h/", .url),
        ("postgres://u@h/d?sslmode=always", .tls), ("postgres://u@h/d?connect_timeout=3", .url),
    ])
    func refusesWhatItCannotUse(url: String, code: PostgresSettingsError.Code) {
        let error = #expect(throws: PostgresSettingsError.self) { try PostgresSettings(url: url, password: .none) }
        #expect(error?.code == code, "\(url)")
    }

    @Test func aMissingPasswordNamesItsSourceOnly() {
        let error = #expect(throws: PostgresSettingsError.self) {
            try PostgresSettings(url: "postgres://u@h/d", password: .environment(name: "TELEMT_PG_PASSWORD", environment: [:]))
        }
        #expect(error?.description.contains("TELEMT_PG_PASSWORD") == true)
    }
}
