import Foundation
import PostgresNIO
public import StatsSink

extension PostgresStatsStore {
    /// Records one scrape in one transaction; see ``StatsStore/record(_:node:recorder:takeOver:)``.
    ///
    /// The transaction starts by locking the node's row (`SELECT … FOR UPDATE`): a second scrape of
    /// the same node waits for the first to commit and is then classified against the baselines
    /// it left, so no byte is counted twice, whichever host sends it. Other nodes' rows are not
    /// locked, so nodes record in parallel. A scrape is five round trips: `BEGIN`, the lock, one
    /// statement writing the scrape, its raw rows, roll-ups and first-seen users
    /// (``writeScrape(_:_:node:kind:deltas:firstSeen:)``), the node's new baselines, `COMMIT` (and
    /// the node's row inserted first on its first scrape).
    public func record(
        _ snapshot: TelemtSnapshot, node: String, recorder: RecorderInstance?, takeOver: Bool
    ) async throws(StatsStoreError) -> RecordResult {
        try await run("record") {
            try await client.withTransaction(logger: logger) { connection in
                let state = try await lockNodeState(connection, node: node)
                try RecorderClaim.check(state, recorder: recorder, takeOver: takeOver, node: node, store: name)
                let step = ledger.step(snapshot, after: state)
                let result = RecordResult(step, users: snapshot.userCount, series: snapshot.userSeries)
                guard step.kind != .duplicate else { return result }
                let firstSeen = FirstSeenUsers.of(snapshot, deltas: step.deltas, previous: state)
                let scrapeID = try await writeScrape(
                    connection, snapshot, node: node, kind: step.kind, deltas: step.deltas, firstSeen: firstSeen
                )
                let identity = RecorderClaim.identity(snapshot, recorder: recorder, previous: state)
                try await saveNodeState(
                    connection, node: node, identity: identity, baselines: step.baselines, trafficScrape: step.deltas.isEmpty ? nil : scrapeID
                )
                try beforeCommit?()
                return result
            }
        }
    }

    /// Writes one scrape in one statement and answers its id: the `scrape` row, its deltas as raw
    /// rows, the same deltas added into the quarter-hour and daily roll-ups (UTC buckets of its
    /// time) and the lifetime totals, and the node's `firstSeen` users. The deltas travel once, as
    /// arrays unnested server-side, and every table is written by a data-modifying `WITH` part of
    /// the one statement (so the roll-ups never read the raw rows back). Each byte component is
    /// clamped to `Int64.max` (8 EiB) and the sums saturate there with the SQLite store's update
    /// (``RollUpSQL``). Users must be distinct (the ledger's deltas are): one upsert may not touch a
    /// row twice.
    func writeScrape(
        _ connection: PostgresConnection, _ snapshot: TelemtSnapshot, node: String, kind: ScrapeKind, deltas: [TrafficDelta],
        firstSeen: [String]
    ) async throws -> Int64 {
        let quarter = TimeBuckets.quarterStart(of: snapshot.scrapedAt)
        let bytes = deltas.map(RollUpBytes.init)
        var binds = PostgresBindings()
        binds.append(node)
        binds.append(snapshot.scrapedAt.timeIntervalSince1970)
        binds.append(snapshot.uptime)
        binds.append(kind.rawValue)
        binds.append(snapshot.version)
        binds.append(snapshot.userCount)
        binds.append(Int64(clamping: snapshot.connectionsCurrent))
        binds.append(deltas.map(\.user))
        binds.append(bytes.map(\.fromClient))
        binds.append(bytes.map(\.toClient))
        binds.append(bytes.map(\.unsplit))
        binds.append(quarter)
        binds.append(TimeBuckets.roundDown(quarter, to: TimeBuckets.day))
        binds.append(firstSeen)
        let rows = try await connection.query(PostgresQuery(unsafeSQL: Self.writeScrapeSQL, binds: binds), logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        throw StatsStoreError(operation: "record", path: name, message: "INSERT INTO scrape returned no id")
    }

    /// ``writeScrape(_:_:node:kind:deltas:firstSeen:)``'s statement: `$1` node, `$2` time, `$3`
    /// uptime, `$4` kind, `$5` version, `$6` users, `$7` connections, `$8`–`$11` the deltas' users
    /// and byte components, `$12` quarter, `$13` day, `$14` the first-seen users.
    static let writeScrapeSQL: String = {
        let upsert = { (name: String, table: String, bucket: (column: String, parameter: String)?) in
            let key = (bucket.map { "\($0.column), " } ?? "") + "node, \"user\""
            let value = bucket.map { "\($0.parameter)::int8, " } ?? ""
            return """
                \(name) AS (
                    INSERT INTO \(table) AS t (\(key), from_client, to_client, unsplit)
                    SELECT \(value)$1::text, d.* FROM d
                    ON CONFLICT (\(key)) DO UPDATE SET \(RollUpSQL.saturatingUpdate(qualifiedBy: "t"))
                )
                """
        }
        return """
            WITH s AS (
                INSERT INTO scrape (node, at, uptime, kind, version, users, connections)
                VALUES ($1::text, $2::float8, $3::float8, $4::text, $5::text, $6::int4, $7::int8) RETURNING id
            ),
            d AS MATERIALIZED (
                SELECT * FROM UNNEST($8::text[], $9::int8[], $10::int8[], $11::int8[]) AS d("user", from_client, to_client, unsplit)
            ),
            raw AS (INSERT INTO traffic_raw (scrape_id, "user", from_client, to_client, unsplit) SELECT s.id, d.* FROM s, d),
            \(upsert("quarter", "traffic_quarter", ("quarter", "$12"))),
            \(upsert("daily", "traffic_daily", ("day", "$13"))),
            \(upsert("total", "traffic_total", nil)),
            seen AS (
                INSERT INTO first_seen (node, "user", at) SELECT $1::text, u, $2::float8 FROM UNNEST($14::text[]) AS u
                ON CONFLICT (node, "user") DO NOTHING
            )
            SELECT id FROM s
            """
    }()
}
