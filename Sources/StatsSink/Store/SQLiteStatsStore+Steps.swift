public import Foundation
import GRDB

extension SQLiteStatsStore {
    /// Per-user bytes in each span between consecutive `boundaries`, in one pass over the hourly
    /// roll-up (a bucket belongs to the span containing its start, as in ``usage(in:filter:)``).
    public func usage(between boundaries: [Date], filter: UsageFilter) throws -> [[UserUsage]] {
        let hours = boundaries.map { HourBuckets.roundUp(Int64($0.timeIntervalSince1970.rounded(.up)), to: HourBuckets.hour) }
        guard hours.count >= 2, zip(hours, hours.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            return Array(repeating: [], count: max(0, boundaries.count - 1))
        }
        let cases = hours.dropFirst().indices.map { "WHEN hour < ? THEN \($0 - 1)" }.joined(separator: " ")
        var sql = "SELECT user, CASE \(cases) END AS step, SUM(from_client), SUM(to_client) FROM traffic_hourly WHERE hour >= ? AND hour < ?"
        var arguments: [any DatabaseValueConvertible] = Array(hours.dropFirst()) + [hours[0], hours[hours.count - 1]]
        if let node = filter.node {
            sql += " AND node = ?"
            arguments.append(node)
        }
        if let user = filter.user {
            sql += " AND user = ?"
            arguments.append(user)
        }
        sql += " GROUP BY user, step ORDER BY user"
        var result = Array(repeating: [UserUsage](), count: hours.count - 1)
        try run("usage steps") {
            try writer.read { db in
                let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
                while let row = try rows.next() {
                    let step: Int = row[1]
                    let from: Int64 = row[2]
                    let to: Int64 = row[3]
                    result[step].append(UserUsage(user: row[0], fromClient: UInt64(clamping: from), toClient: UInt64(clamping: to)))
                }
            }
        }
        return result
    }
}
