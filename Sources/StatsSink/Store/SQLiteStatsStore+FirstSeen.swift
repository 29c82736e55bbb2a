public import Foundation
import GRDB

extension SQLiteStatsStore {
    /// Keeps the first scrape at which each user had traffic or a connection on `node` (the
    /// instant an `on_hold` user's expiry clock starts). Later scrapes never move it.
    ///
    /// The users are chosen by ``FirstSeenUsers``, so a steady scrape inserts almost nothing.
    static func recordFirstSeen(_ db: Database, _ snapshot: TelemtSnapshot, deltas: [TrafficDelta], previous: NodeBaseline?, node: String) throws {
        let users = FirstSeenUsers.of(snapshot, deltas: deltas, previous: previous)
        guard !users.isEmpty else { return }
        let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO first_seen (node, user, at) VALUES (?, ?, ?)")
        let at = snapshot.scrapedAt.timeIntervalSince1970
        for user in users { try statement.execute(arguments: [node, user, at]) }
    }

    /// The first connection of every user seen on `node` (or on any node when nil: the earliest).
    public func firstSeen(node: String?) async throws(StatsStoreError) -> [String: Date] {
        try await run("read first connections") {
            try await writer.read { db in
                let rows = try Row.fetchAll(db, sql: node == nil
                    ? "SELECT user, MIN(at) AS at FROM first_seen GROUP BY user"
                    : "SELECT user, at FROM first_seen WHERE node = ?", arguments: node.map { [$0] } ?? [])
                return Dictionary(rows.map { (row: Row) in (row["user"] as String, Date(timeIntervalSince1970: row["at"])) },
                                  uniquingKeysWith: min)
            }
        }
    }
}
