public import Logging
import PostgresNIO
public import Reconciler
public import ServiceLifecycle
public import StatsSink
public import StatsSinkPostgres

/// The fleet's PostgreSQL store (`store: postgres://…`) as `run`, `reconcile --once` and `plan` use
/// it: the settings turned into a PostgresNIO client (the password read from `store_password_file`
/// or `PGPASSWORD`, never printed) and the store the engine records into and reads from.
///
/// Nothing is connected when it is made: a server that is down at start does not stop a host from
/// serving. The store migrates the schema before its first operation (again after a failed try), so
/// a host that started while the server was away begins recording once it answers. As a service of
/// the daemon's group it runs the client; one-shot commands run it around their tick.
public struct FleetStoreClient: Service {
    /// The store ticks record into and read from.
    public let store: any StatsStore
    /// The server, as `postgres://user@host:port/database?sslmode=…` (no password).
    public let name: String
    private let client: PostgresClient

    /// Reads the settings and the password. A URL, password source or TLS setting that cannot be
    /// used is a ``PostgresSettingsError`` (its message names the file or variable, never the password).
    public init(_ settings: FleetStoreSettings, environment: [String: String], logger: Logger) throws(PostgresSettingsError) {
        let password: PostgresPasswordSource = if let file = settings.passwordFile {
            .file(file)
        } else if let variable = settings.passwordEnvironment {
            .environment(name: variable, environment: environment)
        } else {
            .none
        }
        let postgres = try PostgresSettings(url: settings.url, password: password)
        var configuration = try postgres.clientConfiguration()
        configuration.options.connectTimeout = .seconds(5)
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        name = postgres.description
        store = MigratingStatsStore(base: PostgresStatsStore(client: client, name: name, logger: logger), settings: postgres, logger: logger)
    }

    /// Runs the client until the service group stops it.
    public func run() async throws {
        await client.run()
    }

    /// Runs the client for the duration of `body` (`reconcile --once`, `plan`).
    public func whileRunning<T: Sendable>(_ body: @Sendable (any StatsStore) async -> T) async -> T {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return await body(store)
        }
    }
}
