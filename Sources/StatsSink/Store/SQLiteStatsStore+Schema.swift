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
        return migrator
    }
}
