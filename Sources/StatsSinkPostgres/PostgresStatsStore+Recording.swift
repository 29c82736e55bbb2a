import Foundation
import PostgresNIO
public import StatsSink

extension PostgresStatsStore {
    /// Records one scrape in one transaction; see ``StatsStore/record(_:node:recorder:takeOver:)``.
    ///
    /// The transaction starts by locking the node's row (`SELECT … FOR UPDATE`): a second scrape of
    /// the same node waits for the first to commit and is then classified against the baselines
    /// it left, so no byte is counted twice, whichever host sends it. Other nodes' rows are not
    /// locked, so nodes record in parallel.
    public func record(
        _ snapshot: TelemtSnapshot, node: String, recorder: RecorderInstance?, takeOver: Bool
    ) async throws(StatsStoreError) -> RecordResult {
        try await run("record") {
            try await client.withTransaction(logger: logger) { connection in
                // As SQLite's `synchronous = NORMAL`: a crash may drop the last commits (never
                // corrupt anything), which the ledger treats like lost scrapes, baselines and
                // deltas together; the commit no longer waits for the WAL to reach the disk.
                try await connection.query("SET LOCAL synchronous_commit = off", logger: logger)
                let state = try await lockNodeState(connection, node: node)
                try RecorderClaim.check(state, recorder: recorder, takeOver: takeOver, node: node, store: name)
                let step = ledger.step(snapshot, after: state)
                let result = RecordResult(step, users: snapshot.userCount, series: snapshot.userSeries)
                guard step.kind != .duplicate else { return result }
                let scrapeID = try await insertScrape(connection, snapshot, node: node, kind: step.kind)
                if !step.deltas.isEmpty {
                    try await insertTraffic(connection, step.deltas, scrapeID: scrapeID)
                    try await rollUp(connection, scrapeID: scrapeID, node: node, at: snapshot.scrapedAt)
                }
                let firstSeen = FirstSeenUsers.of(snapshot, deltas: step.deltas, previous: state)
                try await recordFirstSeen(connection, firstSeen, node: node, at: snapshot.scrapedAt)
                let identity = RecorderClaim.identity(snapshot, recorder: recorder, previous: state)
                try await saveNodeState(
                    connection, node: node, identity: identity, baselines: step.baselines, trafficScrape: step.deltas.isEmpty ? nil : scrapeID
                )
                try beforeCommit?()
                return result
            }
        }
    }

    func insertScrape(_ connection: PostgresConnection, _ snapshot: TelemtSnapshot, node: String, kind: ScrapeKind) async throws -> Int64 {
        let rows = try await connection.query("""
            INSERT INTO scrape (node, at, uptime, kind, version, users, connections)
            VALUES (\(node), \(snapshot.scrapedAt.timeIntervalSince1970), \(snapshot.uptime), \(kind.rawValue), \(snapshot.version),
                    \(snapshot.userCount), \(Int64(clamping: snapshot.connectionsCurrent)))
            RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        throw StatsStoreError(operation: "record", path: name, message: "INSERT INTO scrape returned no id")
    }

    /// Writes one scrape's deltas as raw rows in one statement (arrays unnested server-side); each
    /// component is clamped to `Int64.max` (8 EiB).
    func insertTraffic(_ connection: PostgresConnection, _ deltas: [TrafficDelta], scrapeID: Int64) async throws {
        let bytes = deltas.map(RollUpBytes.init)
        try await connection.query("""
            INSERT INTO traffic_raw (scrape_id, "user", from_client, to_client, unsplit)
            SELECT \(scrapeID), * FROM UNNEST(\(deltas.map(\.user))::text[], \(bytes.map(\.fromClient))::int8[],
                                               \(bytes.map(\.toClient))::int8[], \(bytes.map(\.unsplit))::int8[])
            """, logger: logger)
    }

    /// Adds one scrape's raw rows into the quarter-hour and daily roll-ups (UTC buckets of its
    /// time) and the lifetime totals, one set-based upsert per table; sums saturate at 8 EiB with
    /// the SQLite store's update (``RollUpSQL``).
    func rollUp(_ connection: PostgresConnection, scrapeID: Int64, node: String, at: Date) async throws {
        let quarter = TimeBuckets.quarterStart(of: at)
        let targets: [(table: String, bucket: (column: String, value: Int64)?)] = [
            ("traffic_quarter", ("quarter", quarter)),
            ("traffic_daily", ("day", TimeBuckets.roundDown(quarter, to: TimeBuckets.day))),
            ("traffic_total", nil),
        ]
        for (table, bucket) in targets {
            var binds = PostgresBindings()
            binds.append(node)
            binds.append(scrapeID)
            if let bucket { binds.append(bucket.value) }
            let key = (bucket.map { "\($0.column), " } ?? "") + "node, \"user\""
            let value = bucket == nil ? "" : "$3, "
            let sql = """
                INSERT INTO \(table) AS t (\(key), from_client, to_client, unsplit)
                SELECT \(value)$1, "user", from_client, to_client, unsplit FROM traffic_raw WHERE scrape_id = $2
                ON CONFLICT (\(key)) DO UPDATE SET \(RollUpSQL.saturatingUpdate(qualifiedBy: "t"))
                """
            try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
        }
    }

    /// Keeps the first scrape at which each of `users` had traffic or a connection on `node`.
    private func recordFirstSeen(_ connection: PostgresConnection, _ users: [String], node: String, at: Date) async throws {
        guard !users.isEmpty else { return }
        try await connection.query("""
            INSERT INTO first_seen (node, "user", at)
            SELECT \(node), u, \(at.timeIntervalSince1970) FROM UNNEST(\(users)::text[]) AS u
            ON CONFLICT (node, "user") DO NOTHING
            """, logger: logger)
    }
}
