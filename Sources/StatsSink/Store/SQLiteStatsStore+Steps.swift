public import Foundation
import GRDB

extension SQLiteStatsStore {
    /// Per-user bytes in each span between consecutive `boundaries`, each rounded up to a quarter
    /// hour (a bucket belongs to the span containing its start, as in ``usage(in:filter:)``).
    ///
    /// Reads whichever is fewer rows: the fine roll-ups (quarter-hour and hourly) across the whole
    /// window, or the daily roll-up with a few fine buckets at each boundary's nearer UTC day edge
    /// (``BucketPrefix``). Windows reaching back before the pruned hourly history always take the
    /// second way, so a boundary is answered the same by every query.
    public func usage(between boundaries: [Date], filter: UsageFilter) async throws -> [[UserUsage]] {
        let edges = boundaries.map(TimeBuckets.quarterBoundary)
        guard edges.count >= 2, zip(edges, edges.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            return Array(repeating: [], count: max(0, boundaries.count - 1))
        }
        let prefixes = edges.map(BucketPrefix.init(at:))
        let fineCost = (edges[edges.count - 1] - edges[0]) / TimeBuckets.quarter
        return try await run("usage steps") {
            try await writer.read { db in
                let fineReadable = edges[0] >= (try Self.fineHistoryStart(db))
                if fineReadable, fineCost <= BucketPrefix.cost(prefixes) {
                    return try Self.scanFine(db, edges, filter).result()
                }
                let prefixed = try Self.accumulate(db, prefixes, filter)
                // A saturated (8 EiB) bucket makes prefix differences mere bounds; pure additions
                // over the fine buckets are exact whenever they are still there.
                guard prefixed.touchedSaturated, fineReadable else { return prefixed.result() }
                return try Self.scanFine(db, edges, filter).result()
            }
        }
    }

    /// Adds every fine bucket in the window into the span containing its start.
    private static func scanFine(_ db: Database, _ edges: [Int64], _ filter: UsageFilter) throws -> UsageAccumulator {
        var accumulator = UsageAccumulator(spans: edges.count - 1)
        for table in RollUpTable.fine {
            try scan(db, table, edges[0]..<edges[edges.count - 1], filter) { bucket, user, bytes in
                accumulator.add(user: user, span: span(of: bucket, in: edges), bytes: bytes, sign: 1)
            }
        }
        return accumulator
    }

    /// Adds `S(b[i+1]) − S(b[i])` for each span: daily buckets between the prefix days, and each
    /// boundary's fine edge buckets into the span before it and, negated, into the span after it.
    private static func accumulate(_ db: Database, _ prefixes: [BucketPrefix], _ filter: UsageFilter) throws -> UsageAccumulator {
        var accumulator = UsageAccumulator(spans: prefixes.count - 1)
        let days = prefixes.map(\.day)
        try scan(db, .daily, days[0]..<days[days.count - 1], filter) { day, user, bytes in
            accumulator.add(user: user, span: span(of: day, in: days), bytes: bytes, sign: 1)
        }
        for (boundary, prefix) in prefixes.enumerated() where !prefix.edge.isEmpty {
            for table in RollUpTable.fine {
                try scan(db, table, prefix.edge, filter) { _, user, bytes in
                    if boundary > 0 { accumulator.add(user: user, span: boundary - 1, bytes: bytes, sign: prefix.sign) }
                    if boundary < prefixes.count - 1 { accumulator.add(user: user, span: boundary, bytes: bytes, sign: -prefix.sign) }
                }
            }
        }
        return accumulator
    }

    /// The span of a bucket inside the window; see ``UsageSpans/span(of:in:)``.
    static func span(of bucket: Int64, in starts: [Int64]) -> Int {
        UsageSpans.span(of: bucket, in: starts)
    }

    /// Streams the rows of a roll-up table with bucket starts in `range`, matching `filter`.
    static func scan(
        _ db: Database, _ table: RollUpTable, _ range: Range<Int64>, _ filter: UsageFilter,
        _ body: (Int64, String, RollUpBytes) throws -> Void
    ) throws {
        guard !range.isEmpty else { return }
        let column = table.column
        let conditions = filter.sqlConditions
        let sql = "SELECT \(column), user, from_client, to_client, unsplit FROM \(table.rawValue) "
            + "WHERE \(column) >= ? AND \(column) < ?" + conditions.sql
        let arguments: [any DatabaseValueConvertible] = [range.lowerBound, range.upperBound] + conditions.arguments
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: StatementArguments(arguments))
        while let row = try rows.next() {
            try body(row[0], row[1], RollUpBytes(fromClient: row[2], toClient: row[3], unsplit: row[4]))
        }
    }
}
