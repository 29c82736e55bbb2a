public import Foundation
import GRDB

/// The outbox in the same SQLite file as the traffic: `outbox` (one row per event key),
/// `outbox_sink` (where each sink starts) and `outbox_delivery` (per event and sink: delivered,
/// retrying or given up).
extension SQLiteStatsStore: NotificationOutbox {
    /// The columns of `outbox`.
    enum OutboxColumns {
        static let all = "id, key, node, kind, user, fields, created"
    }

    public func enqueue(_ events: [OutboxEvent]) async throws(StatsStoreError) -> Int {
        guard !events.isEmpty else { return 0 }
        let rows = try events.map { event throws(StatsStoreError) in (event, try Self.encodeFields(event.fields, path: path)) }
        return try await run("enqueue notifications") {
            try await writer.write { db in
                let statement = try db.makeStatement(sql: """
                    INSERT OR IGNORE INTO outbox (key, node, kind, user, fields, created) VALUES (?, ?, ?, ?, ?, ?)
                    """)
                var added = 0
                for (event, fields) in rows {
                    try statement.execute(arguments: [event.key, event.node, event.kind, event.user, fields, event.created.timeIntervalSince1970])
                    added += db.changesCount
                }
                return added
            }
        }
    }

    public func registerSink(_ sink: String, at now: Date) async throws(StatsStoreError) {
        try await run("register notification sink") {
            try await writer.write { db in
                try db.execute(sql: """
                    INSERT OR IGNORE INTO outbox_sink (sink, since_id, added)
                    VALUES (?, (SELECT COALESCE(MAX(id), 0) FROM outbox), ?)
                    """, arguments: [sink, now.timeIntervalSince1970])
            }
        }
    }

    public func pending(sink: String, limit: Int) async throws(StatsStoreError) -> [OutboxEntry] {
        try await run("read notifications") {
            try await writer.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT o.id, o.key, o.node, o.kind, o.user, o.fields, o.created, d.attempts, d.next_attempt
                    FROM outbox o JOIN outbox_sink s ON s.sink = ?
                    LEFT JOIN outbox_delivery d ON d.event_id = o.id AND d.sink = s.sink
                    WHERE o.id > s.since_id AND (d.state IS NULL OR d.state = 'retry')
                    ORDER BY o.id LIMIT ?
                    """, arguments: [sink, max(1, limit)]).map(Self.entry)
            }
        }
    }

    public func markDelivered(_ id: Int64, sink: String, at now: Date) async throws(StatsStoreError) {
        try await setDelivery(id, sink: sink, state: "delivered", error: nil, retryAt: nil, now: now)
    }

    public func markFailed(_ id: Int64, sink: String, error: String, retryAt: Date?, at now: Date) async throws(StatsStoreError) {
        try await setDelivery(id, sink: sink, state: retryAt == nil ? "dropped" : "retry", error: String(error.prefix(500)),
                              retryAt: retryAt, now: now)
    }

    private func setDelivery(_ id: Int64, sink: String, state: String, error: String?, retryAt: Date?, now: Date) async throws(StatsStoreError) {
        try await run("record notification delivery") {
            try await writer.write { db in
                try db.execute(sql: """
                    INSERT INTO outbox_delivery (event_id, sink, state, attempts, next_attempt, last_error, at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (event_id, sink) DO UPDATE SET state = excluded.state,
                        attempts = attempts + excluded.attempts, next_attempt = excluded.next_attempt,
                        last_error = excluded.last_error, at = excluded.at
                    """, arguments: [id, sink, state, state == "delivered" ? 0 : 1, retryAt?.timeIntervalSince1970, error,
                                     now.timeIntervalSince1970])
            }
        }
    }

    public func outboxDepth(sinks: [String]) async throws(StatsStoreError) -> Int {
        guard !sinks.isEmpty else { return 0 }
        return try await run("count notifications") {
            try await writer.read { db in
                let marks = databaseQuestionMarks(count: sinks.count)
                return try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM outbox o JOIN outbox_sink s ON s.sink IN (\(marks)) AND o.id > s.since_id
                    WHERE NOT EXISTS (SELECT 1 FROM outbox_delivery d WHERE d.event_id = o.id AND d.sink = s.sink
                                      AND d.state IN ('delivered', 'dropped'))
                    """, arguments: StatementArguments(sinks)) ?? 0
            }
        }
    }

    public func latestEvent(node: String, kinds: [String]) async throws(StatsStoreError) -> OutboxEvent? {
        guard !kinds.isEmpty else { return nil }
        return try await run("read notifications") {
            try await writer.read { db in
                try Row.fetchOne(db, sql: """
                    SELECT \(OutboxColumns.all) FROM outbox WHERE node = ? AND kind IN (\(databaseQuestionMarks(count: kinds.count)))
                    ORDER BY id DESC LIMIT 1
                    """, arguments: StatementArguments([node] + kinds)).map { Self.entry($0).event }
            }
        }
    }

    public func pruneOutbox(before cutoff: Date) async throws(StatsStoreError) -> Int {
        try await run("prune notifications") {
            try await writer.write { db in
                try db.execute(sql: "DELETE FROM outbox_delivery WHERE event_id IN (SELECT id FROM outbox WHERE created < ?)",
                               arguments: [cutoff.timeIntervalSince1970])
                try db.execute(sql: "DELETE FROM outbox WHERE created < ?", arguments: [cutoff.timeIntervalSince1970])
                return db.changesCount
            }
        }
    }

    private static func entry(_ row: Row) -> OutboxEntry {
        let fields = (row["fields"] as String?).flatMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) } ?? [:]
        let event = OutboxEvent(key: row["key"], node: row["node"], kind: row["kind"], user: row["user"], fields: fields,
                                created: Date(timeIntervalSince1970: row["created"]))
        let notBefore = (row["next_attempt"] as Double?).map(Date.init(timeIntervalSince1970:))
        return OutboxEntry(id: row["id"], event: event, attempts: (row["attempts"] as Int?) ?? 0, notBefore: notBefore)
    }

    private static func encodeFields(_ fields: [String: String], path: String) throws(StatsStoreError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return String(decoding: try encoder.encode(fields), as: UTF8.self)
        } catch {
            throw StatsStoreError(operation: "enqueue notifications", path: path, message: "\(error)")
        }
    }
}
