/// Per-user byte sums over a fixed number of spans, added and subtracted row by row as a query
/// streams roll-up rows (``BucketPrefix`` subtracts fine edges from daily buckets).
///
/// Sums are ``WideSum``s: a subtraction seen before its matching addition is still exact, nothing
/// wraps or traps, and every final component is clamped to `0...Int64.max` (8 EiB).
package struct UsageAccumulator {
    let spans: Int
    private var index: [String: Int] = [:]
    private var names: [String] = []
    /// Three sums (from client, to client, unsplit) per (user, span).
    private var sums: [WideSum] = []
    /// Whether any saturated bucket was read: the prefix arithmetic is then only an upper bound.
    package private(set) var touchedSaturated = false

    package init(spans: Int) {
        self.spans = spans
    }

    /// Adds (`sign` 1) or subtracts (`sign` −1) one row's bytes in `span`.
    package mutating func add(user: String, span: Int, bytes: RollUpBytes, sign: Int64) {
        let slot = (slot(of: user) * spans + span) * 3
        sums[slot].add(bytes.fromClient, sign: sign)
        sums[slot + 1].add(bytes.toClient, sign: sign)
        sums[slot + 2].add(bytes.unsplit, sign: sign)
        if bytes.isSaturated { touchedSaturated = true }
    }

    private mutating func slot(of user: String) -> Int {
        if let known = index[user] { return known }
        let new = names.count
        index[user] = new
        names.append(user)
        sums.append(contentsOf: repeatElement(WideSum(), count: spans * 3))
        return new
    }

    /// Per span, the users with traffic in it, sorted by user.
    package func result() -> [[UserUsage]] {
        let order = names.indices.sorted { names[$0] < names[$1] }
        return (0..<spans).map { span in
            order.compactMap { user in
                let slot = (user * spans + span) * 3
                let (from, to, unsplit) = (sums[slot], sums[slot + 1], sums[slot + 2])
                guard !from.isZero || !to.isZero || !unsplit.isZero else { return nil }
                return UserUsage(user: names[user], fromClient: from.value, toClient: to.value, unsplit: unsplit.value)
            }
        }
    }
}
