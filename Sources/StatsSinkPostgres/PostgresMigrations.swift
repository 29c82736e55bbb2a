/// The PostgreSQL store's schema versions, in order. Never edit a registered migration: append a
/// new one. Each is recorded in `schema_version` with its number and name.
///
/// Version 1 is the SQLite store's schema as of its fifth version (without the notification
/// outbox, which stays per host): the same tables, columns and keys, in PostgreSQL's types.
/// `"user"` is quoted, a reserved word in PostgreSQL. `node_state` rows are created empty by the
/// first scrape of a node (their state columns NULL) so that even that scrape has a row to lock.
/// Version 2 keeps each node's last scrape with traffic in its row, for the usage version: scrape
/// ids are not committed in order across nodes, but one node's are (its row is locked).
/// Version 3 leaves half of each page of the roll-ups a scrape updates free: every scrape rewrites
/// a row per user in each, and an update that finds room on its page leaves the indexes alone
/// (a heap-only tuple), which halved the time of recording a 4,096-user scrape.
enum PostgresMigrations {
    /// A migration: its name and statements, run in one transaction.
    struct Migration {
        let name: String
        let statements: [String]
    }

    /// The key of the advisory lock migrations hold (two hosts starting at once migrate one after the other).
    static let lockKey: Int64 = 0x7465_6C65_6D74_0001

    static let all: [Migration] = [
        Migration(name: "v1: node state with baselines, scrapes, raw traffic, quarter-hour, hourly and daily roll-ups, totals, first connections", statements: [
            """
            CREATE TABLE node_state (
                node TEXT PRIMARY KEY,
                scraped_at DOUBLE PRECISION,
                uptime DOUBLE PRECISION,
                baselines BYTEA
            )
            """,
            """
            CREATE TABLE scrape (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                node TEXT NOT NULL,
                at DOUBLE PRECISION NOT NULL,
                uptime DOUBLE PRECISION NOT NULL,
                kind TEXT NOT NULL,
                version TEXT,
                users INTEGER NOT NULL,
                connections BIGINT NOT NULL
            )
            """,
            "CREATE INDEX scrape_node_at ON scrape (node, at)",
            "CREATE INDEX scrape_at ON scrape (at)",
            """
            CREATE TABLE traffic_raw (
                scrape_id BIGINT NOT NULL,
                "user" TEXT NOT NULL,
                \(bytes),
                PRIMARY KEY (scrape_id, "user")
            )
            """,
            rollUp("traffic_quarter", bucket: "quarter"),
            rollUp("traffic_hourly", bucket: "hour"),
            rollUp("traffic_daily", bucket: "day"),
            "CREATE INDEX traffic_daily_user ON traffic_daily (\"user\", day)",
            """
            CREATE TABLE traffic_total (
                node TEXT NOT NULL,
                "user" TEXT NOT NULL,
                \(bytes),
                PRIMARY KEY (node, "user")
            )
            """,
            """
            CREATE TABLE first_seen (
                node TEXT NOT NULL,
                "user" TEXT NOT NULL,
                at DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (node, "user")
            )
            """,
            "CREATE TABLE retention_watermark (level TEXT PRIMARY KEY, pruned_before BIGINT NOT NULL)",
        ]),
        Migration(name: "v2: the last scrape with traffic of each node (the usage version)", statements: [
            "ALTER TABLE node_state ADD COLUMN traffic_scrape BIGINT",
            """
            UPDATE node_state SET traffic_scrape = (
                SELECT MAX(r.scrape_id) FROM traffic_raw r JOIN scrape s ON s.id = r.scrape_id WHERE s.node = node_state.node)
            """,
        ]),
        Migration(name: "v3: room on the roll-up tables' pages for in-place updates", statements: [
            "ALTER TABLE traffic_quarter SET (fillfactor = 50)",
            "ALTER TABLE traffic_daily SET (fillfactor = 50)",
            "ALTER TABLE traffic_total SET (fillfactor = 50)",
        ]),
    ]

    /// The byte columns: never negative, at most 2⁶³ − 1 (8 EiB), as in SQLite.
    private static let bytes = """
        from_client BIGINT NOT NULL CHECK (from_client >= 0),
            to_client BIGINT NOT NULL CHECK (to_client >= 0),
            unsplit BIGINT NOT NULL DEFAULT 0 CHECK (unsplit >= 0)
        """

    private static func rollUp(_ table: String, bucket: String) -> String {
        """
        CREATE TABLE \(table) (
            \(bucket) BIGINT NOT NULL,
            node TEXT NOT NULL,
            "user" TEXT NOT NULL,
            \(bytes),
            PRIMARY KEY (\(bucket), node, "user")
        )
        """
    }
}
