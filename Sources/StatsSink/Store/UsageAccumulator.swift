/// Per-user byte sums over a fixed number of spans, added and subtracted row by row as a query
/// streams roll-up rows (``BucketPrefix`` subtracts hourly edges from daily buckets).
///
/// Sums wrap modulo 2⁶⁴ so that a subtraction seen before its matching addition is still exact;
/// every final sum is the non-negative total of the buckets of its span.
struct UsageAccumulator {
    let spans: Int
    private var index: [String: Int] = [:]
    private var names: [String] = []
    private var from: [UInt64] = []
    private var to: [UInt64] = []

    init(spans: Int) {
        self.spans = spans
    }

    /// Adds (`sign` 1) or subtracts (`sign` −1) one row's bytes in `span`.
    mutating func add(user: String, span: Int, from: Int64, to: Int64, sign: Int64) {
        let slot = slot(of: user) * spans + span
        let (f, t) = (UInt64(bitPattern: from), UInt64(bitPattern: to))
        if sign >= 0 {
            self.from[slot] &+= f
            self.to[slot] &+= t
        } else {
            self.from[slot] &-= f
            self.to[slot] &-= t
        }
    }

    private mutating func slot(of user: String) -> Int {
        if let known = index[user] { return known }
        let new = names.count
        index[user] = new
        names.append(user)
        from.append(contentsOf: repeatElement(0, count: spans))
        to.append(contentsOf: repeatElement(0, count: spans))
        return new
    }

    /// Per span, the users with traffic in it, sorted by user.
    func result() -> [[UserUsage]] {
        let order = names.indices.sorted { names[$0] < names[$1] }
        return (0..<spans).map { span in
            order.compactMap { user in
                let slot = user * spans + span
                guard from[slot] != 0 || to[slot] != 0 else { return nil }
                return UserUsage(user: names[user], fromClient: from[slot], toClient: to[slot])
            }
        }
    }
}
