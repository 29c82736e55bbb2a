/// All traffic in fine buckets (quarter-hour and hourly roll-ups) that start before a quarter-hour
/// boundary, expressed through the daily roll-up and a short run of fine buckets at the nearer UTC
/// day edge.
///
/// With `S(b)` the bytes of every bucket starting before `b`, and daily buckets equal to the sum
/// of their fine buckets, `S(b) = D(< day) + sign · F(edge)`: either the day before `b` and the
/// fine buckets in `[floor(b), b)` added (`sign` +1), or the day containing `b` and those in
/// `[b, ceil(b))` subtracted (`sign` −1). The nearer edge is chosen, so at most 12 hours of fine
/// buckets per (node, user) are read. The bytes of a span `[a, b)` are then `S(b) − S(a)`, exactly.
///
/// When the fine buckets of `b`'s day were pruned, `F(edge)` is empty and `S(b)` is the daily
/// roll-up up to the UTC midnight nearer to `b`: the boundary moves to that midnight, the same for
/// every query, so each byte still lands in exactly one span.
struct BucketPrefix: Equatable {
    /// Daily buckets starting before this day are included.
    var day: Int64
    /// Fine bucket starts added (`sign` 1) or subtracted (`sign` −1); empty on a day boundary.
    var edge: Range<Int64>
    /// +1 or −1.
    var sign: Int64

    /// The prefix at `boundary`, a quarter-hour start (seconds since the epoch).
    init(at boundary: Int64) {
        let floor = TimeBuckets.roundDown(boundary, to: TimeBuckets.day)
        let ceiling = TimeBuckets.roundUp(boundary, to: TimeBuckets.day)
        if boundary - floor <= ceiling - boundary {
            day = floor
            edge = floor..<boundary
            sign = 1
        } else {
            day = ceiling
            edge = boundary..<ceiling
            sign = -1
        }
    }

    /// How many buckets per (node, user) reading the spans between `prefixes` this way touches at
    /// most: every edge quarter hour plus every whole day between the first and the last prefix.
    static func cost(_ prefixes: [BucketPrefix]) -> Int64 {
        guard let first = prefixes.first, let last = prefixes.last else { return 0 }
        let edges = prefixes.reduce(0) { $0 + Int64($1.edge.count) / TimeBuckets.quarter }
        return edges + (last.day - first.day) / TimeBuckets.day
    }
}
