public import Foundation
import GRDB

extension SQLiteStatsStore {
    /// Per-user bytes in each span between consecutive `boundaries` (a bucket belongs to the span
    /// containing its start, as in ``usage(in:filter:)``).
    ///
    /// Reads whichever is fewer rows: the hourly roll-up across the whole window, or the daily
    /// roll-up with a few hourly buckets at each boundary's nearer UTC day edge (``BucketPrefix``).
    public func usage(between boundaries: [Date], filter: UsageFilter) throws -> [[UserUsage]] {
        let hours = boundaries.map { HourBuckets.roundUp(Int64($0.timeIntervalSince1970.rounded(.up)), to: HourBuckets.hour) }
        guard hours.count >= 2, zip(hours, hours.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            return Array(repeating: [], count: max(0, boundaries.count - 1))
        }
        let prefixes = hours.map(BucketPrefix.init(at:))
        let hourlyCost = (hours[hours.count - 1] - hours[0]) / HourBuckets.hour
        var accumulator = UsageAccumulator(spans: hours.count - 1)
        try run("usage steps") {
            try writer.read { db in
                if hourlyCost <= BucketPrefix.cost(prefixes) {
                    try Self.scan(db, .hourly, hours[0]..<hours[hours.count - 1], filter) { hour, user, from, to in
                        accumulator.add(user: user, span: Self.span(of: hour, in: hours), from: from, to: to, sign: 1)
                    }
                } else {
                    try Self.accumulate(db, prefixes, filter, into: &accumulator)
                }
            }
        }
        return accumulator.result()
    }

    /// Adds `S(b[i+1]) − S(b[i])` for each span: daily buckets between the prefix days, and each
    /// boundary's edge hours into the span before it and, negated, into the span after it.
    private static func accumulate(
        _ db: Database, _ prefixes: [BucketPrefix], _ filter: UsageFilter, into accumulator: inout UsageAccumulator
    ) throws {
        let days = prefixes.map(\.day)
        try scan(db, .daily, days[0]..<days[days.count - 1], filter) { day, user, from, to in
            accumulator.add(user: user, span: span(of: day, in: days), from: from, to: to, sign: 1)
        }
        for (boundary, prefix) in prefixes.enumerated() where !prefix.edge.isEmpty {
            try scan(db, .hourly, prefix.edge, filter) { _, user, from, to in
                if boundary > 0 { accumulator.add(user: user, span: boundary - 1, from: from, to: to, sign: prefix.sign) }
                if boundary < prefixes.count - 1 { accumulator.add(user: user, span: boundary, from: from, to: to, sign: -prefix.sign) }
            }
        }
    }

    /// The span `i` with `starts[i] <= bucket < starts[i + 1]`, for a bucket inside the window
    /// (the last of equal starts, so empty spans get nothing).
    static func span(of bucket: Int64, in starts: [Int64]) -> Int {
        var low = 0
        var high = starts.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if starts[middle] <= bucket { low = middle } else { high = middle }
        }
        return low
    }

    /// Streams the rows of a roll-up table with bucket starts in `range`, matching `filter`.
    static func scan(
        _ db: Database, _ table: RollUpTable, _ range: Range<Int64>, _ filter: UsageFilter,
        _ body: (Int64, String, Int64, Int64) throws -> Void
    ) throws {
        guard !range.isEmpty else { return }
        var sql = "SELECT \(table.column), user, from_client, to_client FROM \(table.rawValue) WHERE \(table.column) >= ? AND \(table.column) < ?"
        var arguments: [any DatabaseValueConvertible] = [range.lowerBound, range.upperBound]
        if let node = filter.node {
            sql += " AND node = ?"
            arguments.append(node)
        }
        if let user = filter.user {
            sql += " AND user = ?"
            arguments.append(user)
        }
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: StatementArguments(arguments))
        while let row = try rows.next() {
            try body(row[0], row[1], row[2], row[3])
        }
    }
}
