/// All traffic in hourly buckets that start before an hour boundary, expressed through the daily
/// roll-up and a short run of hourly buckets at the nearer UTC day edge.
///
/// With `S(b)` the bytes of every hourly bucket starting before `b`, and daily buckets equal to
/// the sum of their hours, `S(b) = D(< day) + sign · H(edge)`: either the day before `b` and the
/// hours `[floor(b), b)` added (`sign` +1), or the day containing `b` and the hours
/// `[b, ceil(b))` subtracted (`sign` −1). The nearer edge is chosen, so at most 12 hourly buckets
/// per (node, user) are read. The bytes of a span `[a, b)` are then `S(b) − S(a)`, exactly.
struct BucketPrefix: Equatable {
    /// Daily buckets starting before this day are included.
    var day: Int64
    /// Hourly bucket starts added (`sign` 1) or subtracted (`sign` −1); empty on a day boundary.
    var edge: Range<Int64>
    /// +1 or −1.
    var sign: Int64

    /// The prefix at `boundary`, an hour start (seconds since the epoch).
    init(at boundary: Int64) {
        let floor = HourBuckets.roundDown(boundary, to: HourBuckets.day)
        let ceiling = HourBuckets.roundUp(boundary, to: HourBuckets.day)
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

    /// How many buckets per (node, user) reading the spans between `prefixes` this way touches:
    /// every edge hour plus every whole day between the first and the last prefix.
    static func cost(_ prefixes: [BucketPrefix]) -> Int64 {
        guard let first = prefixes.first, let last = prefixes.last else { return 0 }
        let edges = prefixes.reduce(0) { $0 + Int64($1.edge.count) / HourBuckets.hour }
        return edges + (last.day - first.day) / HourBuckets.day
    }
}
