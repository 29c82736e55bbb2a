import Foundation
import Spec
import Testing
@testable import Reconciler

/// `store: postgres://…`, `store_password_file` and `PGPASSWORD`: the fleet store's settings.
struct FleetStoreSettingsTests {
    func resolve(_ file: String, env: [String: String] = [:], flags: [String: Setting] = [:]) throws -> EngineConfiguration {
        let layers = try ConfigurationLayers(file: try YAMLTreeParser().parse(Array(file.utf8), file: "config.yaml"), environment: env, flags: flags)
        return try EngineConfiguration.resolve(layers, environment: env, home: "/home/admin", isRoot: false)
    }

    func failure(_ file: String, env: [String: String] = [:], flags: [String: Setting] = [:]) -> ConfigurationError? {
        do {
            _ = try resolve(file, env: env, flags: flags)
            return nil
        } catch {
            return error as? ConfigurationError
        }
    }

    @Test func aPostgresStoreKeepsTheLocalLedgerAndNamesThePasswordFile() throws {
        let config = try resolve("""
            spec: .
            state_dir: /var/lib/tg
            store: postgres://telemt@db.example.com:5433/stats?sslmode=verify-full&sslrootcert=/etc/ssl/db.pem
            store_password_file: /etc/telemt-gitops/db.password
            """)
        #expect(config.storePath == "/var/lib/tg/stats.sqlite", "this host's own ledger stays in SQLite")
        #expect(config.fleetStore == FleetStoreSettings(url: "postgres://telemt@db.example.com:5433/stats?sslmode=verify-full&sslrootcert=/etc/ssl/db.pem",
                                                        passwordFile: "/etc/telemt-gitops/db.password"))
        #expect(try resolve("spec: .\n").fleetStore == nil)
        #expect(try resolve("spec: .\nstore: /srv/stats.sqlite\n").storePath == "/srv/stats.sqlite")
    }

    @Test func thePasswordComesFromTheFileElseFromPGPASSWORD() throws {
        let url = "postgresql://telemt@db/stats"
        let fromEnvironment = try resolve("spec: .\nstore: \(url)\n", env: ["PGPASSWORD": "hunter2-hunter2"])
        #expect(fromEnvironment.fleetStore?.passwordEnvironment == "PGPASSWORD" && fromEnvironment.fleetStore?.passwordFile == nil)
        #expect(try resolve("spec: .\nstore: \(url)\n", env: ["PGPASSWORD": ""]).fleetStore?.passwordEnvironment == nil)
        let flag = try resolve("spec: .\n", env: ["PGPASSWORD": "x"], flags: [
            "store": .text(url, from: .flag("--store")), "store_password_file": .text("/run/secrets/db", from: .flag("--store-password-file")),
        ])
        #expect(flag.fleetStore == FleetStoreSettings(url: url, passwordFile: "/run/secrets/db"), "the file wins over the environment")
        let variable = try resolve("spec: .\n", env: ["TELEMT_GITOPS_STORE": url, "TELEMT_GITOPS_STORE_PASSWORD_FILE": "/run/db"])
        #expect(variable.fleetStore?.passwordFile == "/run/db")
        #expect(!"\(fromEnvironment)".contains("hunter2"), "the configuration never holds the password")
    }

    @Test func aURLWithAPasswordIsRefusedWithoutPrintingIt() throws {
        let error = try #require(failure("spec: .\nstore: postgres://telemt:s3cret-pass@db.example.com/stats\n"))
        #expect(error.code == .invalidValue && error.origin == .file(SourceLocation(file: "config.yaml", line: 2, column: 8)))
        #expect(error.message == "`store`: `postgres://telemt:***@db.example.com/stats` holds a password")
        #expect(error.hint?.contains("store_password_file") == true && error.hint?.contains("PGPASSWORD") == true)
        #expect(!error.description.contains("s3cret"))
        let flag = try #require(failure("spec: .\n", flags: ["store": .text("postgres://u:pw%40x@h/db", from: .flag("--store"))]))
        #expect(!flag.description.contains("pw") && flag.description.hasPrefix("--store: error:"), "\(flag.description)")
    }

    @Test func mistakesAreRefusedWithWhatToDo() {
        let stray = failure("spec: .\nstore_password_file: /etc/db.password\n")
        #expect(stray?.code == .conflict && stray?.hint?.contains("postgres://") == true)
        for bad in ["postgres://db.example.com/stats", "postgres://telemt@/stats", "postgres://telemt@db.example.com", "postgres://telemt@db.example.com/"] {
            #expect(failure("spec: .\nstore: \(bad)\n")?.message == "`store`: `\(bad)` is not a postgres://USER@HOST/DATABASE URL", "\(bad)")
        }
    }
}
