import Foundation
import Reconciler
import StatsSinkPostgres

/// The fleet's shared PostgreSQL store (`store: postgres://…`): its settings (``PostgresSettingsError``,
/// each from the real settings reader) and what a tick says while the server does not answer.
extension ErrorCatalog {
    private static func postgres(_ url: String, password: PostgresPasswordSource = .none) -> PostgresSettingsError? {
        failure { () throws(PostgresSettingsError) in _ = try PostgresSettings(url: url, password: password) }
    }

    static var fleetStoreEntries: [ErrorEntry] {
        let unreachable = FleetStoreHealth(store: "postgres://telemt@db.example.com:5432/telemt?sslmode=verify-full",
                                           unreachableSince: Date(timeIntervalSince1970: 1_796_205_600),
                                           othersAsOf: Date(timeIntervalSince1970: 1_796_205_570), spooled: 3)
        return [
            ErrorEntry(failure: postgres("postgres://db.example.com/telemt"), kind: { $0.code }, "The store URL cannot be read",
                       meaning: "`store` (`--store`) starts with postgres:// but names no user, host or database, or has a parameter other than sslmode and sslrootcert.",
                       fix: "Write it as `postgres://USER@HOST:PORT/DATABASE?sslmode=verify-full&sslrootcert=/etc/telemt-gitops/db-ca.pem`."),
            ErrorEntry(failure: postgres("postgres://telemt@db.example.com/telemt", password: .file("/etc/telemt-gitops/db.password")),
                       kind: { $0.code }, "The store's password cannot be read",
                       meaning: "`store_password_file` names a file that is missing, unreadable or empty (or the password variable is empty). The message names the file or variable, never the password.",
                       fix: "Write the password alone on one line into the file, `chmod 600` it and make it readable by the daemon's user; or set PGPASSWORD and leave `store_password_file` out."),
            ErrorEntry(failure: postgres("postgres://telemt@db.example.com/telemt?sslmode=verify"), kind: { $0.code }, "The store's TLS settings cannot be used",
                       meaning: "`sslmode` is not one of libpq's modes, or `sslrootcert` names a file that cannot be read.",
                       fix: "Use `sslmode=verify-full` with `sslrootcert=` the PEM file of the server's certificate authority (`verify-ca` skips the host name, `require` checks nothing without a root)."),
            ErrorEntry(key: "FleetStoreHealth.unreachable", "The fleet store does not answer", sample: unreachable.summary ?? "",
                       meaning: "A tick could not record into or read from the PostgreSQL store (down, unreachable, refusing the login, over 10 s). The host keeps serving and enforcing: scrapes wait in `<state_dir>/fleet-spool/` and quotas use the other nodes' usage as last read. The tick's note adds the server's reason.",
                       fix: "Check the server and the path to it (`psql \"postgres://USER@HOST/DB?sslmode=…\"`); once it answers, the next tick replays the spool in order ([fleet.md](fleet.md#quotas-across-nodes-postgresql))."),
        ].compactMap { $0 }
    }
}
