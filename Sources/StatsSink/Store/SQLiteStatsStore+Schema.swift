import GRDB

extension SQLiteStatsStore {
    /// Every schema version, in order. Never edit a registered migration: append a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: node state with baselines, scrapes, raw traffic, hourly and daily roll-ups") { db in
            try db.execute(sql: """
                CREATE TABLE node_state (
                    node TEXT PRIMARY KEY NOT NULL,
                    scraped_at REAL NOT NULL,
                    uptime REAL NOT NULL,
                    baselines BLOB NOT NULL
                );
                CREATE TABLE scrape (
                    id INTEGER PRIMARY KEY,
                    node TEXT NOT NULL,
                    at REAL NOT NULL,
                    uptime REAL NOT NULL,
                    kind TEXT NOT NULL,
                    version TEXT,
                    users INTEGER NOT NULL,
                    connections INTEGER NOT NULL
                );
                CREATE INDEX scrape_node_at ON scrape (node, at);
                CREATE INDEX scrape_at ON scrape (at);
                CREATE TABLE traffic_raw (
                    scrape_id INTEGER NOT NULL,
                    user TEXT NOT NULL,
                    from_client INTEGER NOT NULL,
                    to_client INTEGER NOT NULL,
                    PRIMARY KEY (scrape_id, user)
                ) WITHOUT ROWID;
                CREATE TABLE traffic_hourly (
                    hour INTEGER NOT NULL,
                    node TEXT NOT NULL,
                    user TEXT NOT NULL,
                    from_client INTEGER NOT NULL,
                    to_client INTEGER NOT NULL,
                    PRIMARY KEY (hour, node, user)
                ) WITHOUT ROWID;
                CREATE TABLE traffic_daily (
                    day INTEGER NOT NULL,
                    node TEXT NOT NULL,
                    user TEXT NOT NULL,
                    from_client INTEGER NOT NULL,
                    to_client INTEGER NOT NULL,
                    PRIMARY KEY (day, node, user)
                ) WITHOUT ROWID;
                CREATE INDEX traffic_daily_user ON traffic_daily (user, day);
                """)
        }
        migrator.registerMigration("v2: per-user lifetime totals") { db in
            try db.execute(sql: """
                CREATE TABLE traffic_total (
                    node TEXT NOT NULL,
                    user TEXT NOT NULL,
                    from_client INTEGER NOT NULL,
                    to_client INTEGER NOT NULL,
                    PRIMARY KEY (node, user)
                ) WITHOUT ROWID;
                INSERT INTO traffic_total (node, user, from_client, to_client)
                SELECT node, user, SUM(from_client), SUM(to_client) FROM traffic_daily GROUP BY node, user;
                """)
        }
        migrator.registerMigration("v3: unsplit bytes, quarter-hour roll-up, retention watermarks, no REAL totals") { db in
            try migrateToV3(db)
        }
        migrator.registerMigration("v4: first connection per node and user") { db in
            try db.execute(sql: """
                CREATE TABLE first_seen (
                    node TEXT NOT NULL,
                    user TEXT NOT NULL,
                    at REAL NOT NULL,
                    PRIMARY KEY (node, user)
                ) WITHOUT ROWID;
                INSERT INTO first_seen (node, user, at)
                SELECT node, user, MIN(day) FROM traffic_daily GROUP BY node, user;
                UPDATE first_seen SET at = MAX(at, (SELECT MIN(s.at) FROM traffic_raw r JOIN scrape s ON s.id = r.scrape_id
                                                    WHERE s.node = first_seen.node AND r.user = first_seen.user))
                WHERE EXISTS (SELECT 1 FROM traffic_raw r JOIN scrape s ON s.id = r.scrape_id
                              WHERE s.node = first_seen.node AND r.user = first_seen.user);
                """)
        }
        migrator.registerMigration("v5: the notification outbox") { db in
            try db.execute(sql: """
                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    key TEXT NOT NULL UNIQUE,
                    node TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    user TEXT,
                    fields TEXT NOT NULL,
                    created REAL NOT NULL
                );
                CREATE INDEX outbox_node_kind ON outbox (node, kind, id);
                CREATE INDEX outbox_created ON outbox (created);
                CREATE TABLE outbox_sink (
                    sink TEXT PRIMARY KEY NOT NULL,
                    since_id INTEGER NOT NULL,
                    added REAL NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE outbox_delivery (
                    event_id INTEGER NOT NULL,
                    sink TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('delivered', 'retry', 'dropped')),
                    attempts INTEGER NOT NULL,
                    next_attempt REAL,
                    last_error TEXT,
                    at REAL NOT NULL,
                    PRIMARY KEY (event_id, sink)
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }

    /// Adds the `unsplit` column everywhere, turns totals that overflowed into REAL back into
    /// integers (saturated at 8 EiB), and creates the quarter-hour roll-up that scrapes write from
    /// now on. Existing hourly rows stay in `traffic_hourly`: they are already hour-granular.
    private static func migrateToV3(_ db: Database) throws {
        for table in ["traffic_raw", "traffic_hourly", "traffic_daily", "traffic_total"] {
            try db.execute(sql: "ALTER TABLE \(table) ADD COLUMN unsplit INTEGER NOT NULL DEFAULT 0")
            for column in ["from_client", "to_client"] {
                try db.execute(sql: """
                    UPDATE \(table) SET \(column) = CASE
                        WHEN \(column) >= 9223372036854775807.0 THEN 9223372036854775807
                        WHEN \(column) > 0 THEN CAST(\(column) AS INTEGER)
                        ELSE 0 END
                    WHERE typeof(\(column)) <> 'integer' OR \(column) < 0
                    """)
            }
        }
        try db.execute(sql: """
            CREATE TABLE traffic_quarter (
                quarter INTEGER NOT NULL,
                node TEXT NOT NULL,
                user TEXT NOT NULL,
                from_client INTEGER NOT NULL,
                to_client INTEGER NOT NULL,
                unsplit INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (quarter, node, user)
            ) WITHOUT ROWID;
            CREATE TABLE retention_watermark (
                level TEXT PRIMARY KEY NOT NULL,
                pruned_before INTEGER NOT NULL
            ) WITHOUT ROWID;
            """)
    }
}
