import PostgresNIO
public import StatsSink

extension PostgresStatsStore {
    /// Brings the database to the current schema in one transaction, under an advisory lock so
    /// that hosts starting together migrate one after another. A database migrated by a newer
    /// telemt-gitops (a version this one does not know) is refused, never written.
    public func migrate() async throws(StatsStoreError) {
        try await run("migrate") {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresMigrations.lockKey))", logger: logger)
                try await connection.query("""
                    CREATE TABLE IF NOT EXISTS schema_version (
                        version INTEGER PRIMARY KEY,
                        name TEXT NOT NULL,
                        applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
                    )
                    """, logger: logger)
                let applied = try await appliedVersions(connection)
                let known = PostgresMigrations.all
                if let unknown = applied.keys.filter({ $0 > known.count }).max() {
                    throw StatsStoreError(
                        operation: "migrate", path: name,
                        message: "the database is at schema version \(unknown) (\(applied[unknown] ?? "")), newer than this telemt-gitops knows (\(known.count)): upgrade it"
                    )
                }
                for (index, migration) in known.enumerated() where applied[index + 1] == nil {
                    for statement in migration.statements { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
                    try await connection.query(
                        "INSERT INTO schema_version (version, name) VALUES (\(index + 1), \(migration.name))", logger: logger
                    )
                }
            }
        }
    }

    /// The applied schema versions and their names.
    public func schemaVersions() async throws(StatsStoreError) -> [(version: Int, name: String)] {
        try await run("read schema versions") {
            try await client.withConnection { connection in
                try await appliedVersions(connection).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            }
        }
    }

    private func appliedVersions(_ connection: PostgresConnection) async throws -> [Int: String] {
        var versions: [Int: String] = [:]
        let rows = try await connection.query("SELECT version, name FROM schema_version", logger: logger)
        for try await (version, name) in rows.decode((Int, String).self) { versions[version] = name }
        return versions
    }
}
