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
        guard let plan = SpanPlan(boundaries) else { return Array(repeating: [], count: max(0, boundaries.count - 1)) }
        return try await run("usage steps") {
            try await writer.read { db in
                let fineReadable = plan.readsFine(from: try Self.fineHistoryStart(db))
                if fineReadable, plan.fineIsCheaper {
                    return try Self.accumulate(db, plan, plan.fineReads, filter).result()
                }
                let prefixed = try Self.accumulate(db, plan, plan.prefixReads, filter)
                // A saturated (8 EiB) bucket makes prefix differences mere bounds; pure additions
                // over the fine buckets are exact whenever they are still there.
                guard prefixed.touchedSaturated, fineReadable else { return prefixed.result() }
                return try Self.accumulate(db, plan, plan.fineReads, filter).result()
            }
        }
    }

    /// Streams the rows of `reads` into their spans: every fine bucket of the window (the fine
    /// way), or daily buckets between the prefix days and each boundary's fine edge buckets.
    private static func accumulate(_ db: Database, _ plan: SpanPlan, _ reads: [SpanRead], _ filter: UsageFilter) throws -> UsageAccumulator {
        var accumulator = UsageAccumulator(spans: plan.spans)
        for read in reads {
            try scan(db, read.table, read.range, filter) { bucket, user, bytes in
                plan.add(read, bucket: bucket, user: user, bytes: bytes, to: &accumulator)
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
