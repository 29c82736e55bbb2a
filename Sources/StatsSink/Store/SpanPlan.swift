package import Foundation

/// How both backends answer ``StatsStore/usage(between:filter:)``: the boundaries rounded up to
/// quarter hours, and where each roll-up row read for them is added.
///
/// A span can be read two ways: every fine bucket (quarter-hour and hourly) in the window, or the
/// daily roll-up between the boundaries' prefix days with a few fine buckets at each boundary's
/// nearer UTC day edge (``BucketPrefix``). ``fineIsCheaper`` says which touches fewer rows; the
/// fine way is exact only while ``readsFine(from:)`` (no fine bucket of the window was pruned).
package struct SpanPlan {
    /// The boundaries, each rounded up to a quarter-hour start (seconds since the epoch).
    package let edges: [Int64]
    private let prefixes: [BucketPrefix]
    /// The prefix days, the starts of the daily spans.
    private let days: [Int64]

    /// The plan for `boundaries`; nil unless there are two or more in ascending order (every span
    /// is then empty).
    package init?(_ boundaries: [Date]) {
        let edges = boundaries.map(TimeBuckets.quarterBoundary)
        guard edges.count >= 2, zip(edges, edges.dropFirst()).allSatisfy({ $0 <= $1 }) else { return nil }
        self.edges = edges
        prefixes = edges.map(BucketPrefix.init(at:))
        days = prefixes.map(\.day)
    }

    /// How many spans the answer has.
    package var spans: Int { edges.count - 1 }

    /// The bucket starts the fine way reads.
    package var window: Range<Int64> { edges[0]..<edges[edges.count - 1] }

    /// Whether reading every fine bucket of the window touches no more rows than the prefix way.
    package var fineIsCheaper: Bool { (edges[edges.count - 1] - edges[0]) / TimeBuckets.quarter <= BucketPrefix.cost(prefixes) }

    /// Whether the window's fine buckets are all still kept, given the start of the oldest UTC day
    /// that may still have hourly rows (`Int64.min` when nothing was pruned). Windows reaching back
    /// before it always take the prefix way, so a boundary is answered the same by every query.
    package func readsFine(from fineHistoryStart: Int64) -> Bool { edges[0] >= fineHistoryStart }

    /// The reads of the fine way: every fine bucket in the window.
    package var fineReads: [SpanRead] { RollUpTable.fine.map { SpanRead(table: $0, range: window, boundary: nil) } }

    /// The reads of the prefix way: the daily buckets between the first and the last prefix day,
    /// then each boundary's fine edge buckets (none on a UTC day boundary).
    package var prefixReads: [SpanRead] {
        let daily = SpanRead(table: .daily, range: days[0]..<days[days.count - 1], boundary: nil)
        return [daily] + prefixes.enumerated().flatMap { boundary, prefix in
            prefix.edge.isEmpty ? [] : RollUpTable.fine.map { SpanRead(table: $0, range: prefix.edge, boundary: boundary) }
        }
    }

    /// Adds one row that `read` returned: a bucket into the span containing its start (fine and
    /// daily reads), or a boundary's edge bucket into the span before it and, negated, into the
    /// span after it (`S(b[i+1]) − S(b[i])`).
    package func add(_ read: SpanRead, bucket: Int64, user: String, bytes: RollUpBytes, to accumulator: inout UsageAccumulator) {
        guard let boundary = read.boundary else {
            let starts = read.table == .daily ? days : edges
            accumulator.add(user: user, span: UsageSpans.span(of: bucket, in: starts), bytes: bytes, sign: 1)
            return
        }
        let sign = prefixes[boundary].sign
        if boundary > 0 { accumulator.add(user: user, span: boundary - 1, bytes: bytes, sign: sign) }
        if boundary < prefixes.count - 1 { accumulator.add(user: user, span: boundary, bytes: bytes, sign: -sign) }
    }
}
