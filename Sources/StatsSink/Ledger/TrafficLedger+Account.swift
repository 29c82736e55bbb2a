extension TrafficLedger {
    /// One user's accounting in one scrape.
    public struct Accounted: Sendable, Equatable {
        /// The new bytes (``UserUsage/user`` is left empty).
        public var usage: UserUsage
        /// The user's baseline after this scrape.
        public var next: CounterBaseline
        /// Whether the series started again from zero since the baseline (telemt's idle prune).
        public var seriesRestarted: Bool
    }

    /// Accounts one user's readings against its baseline (``CounterBaseline/zero`` after a
    /// restart or for a series seen for the first time).
    ///
    /// `/metrics` is read before the API, and both after every read of the previous scrape; both
    /// read the same counter, so a reading below the baseline, or an API total below the
    /// `/metrics` sum just read, means the series started again from zero. Otherwise the new bytes
    /// are the highest reading minus the accounted total; `/metrics` splits them by direction as far
    /// as its own deltas reach and the rest is ``UserUsage/unsplit``.
    public static func account(baseline: CounterBaseline, metrics: UserCounters?, api: UInt64?) -> Accounted {
        guard let metrics else {
            guard let api else { return Accounted(usage: usage(), next: baseline, seriesRestarted: false) }
            if api < baseline.total {
                return Accounted(usage: usage(unsplit: api), next: CounterBaseline(fromClient: 0, toClient: 0, total: api), seriesRestarted: true)
            }
            var next = baseline
            next.total = api
            return Accounted(usage: usage(unsplit: api - baseline.total), next: next, seriesRestarted: false)
        }
        let from = metrics.octetsFromClient
        let to = metrics.octetsToClient
        let sum = from.saturatingAdd(to)
        if from < baseline.fromClient || to < baseline.toClient || sum < baseline.total {
            let total = max(sum, api ?? 0)
            return Accounted(
                usage: usage(from: from, to: to, unsplit: total - sum),
                next: CounterBaseline(fromClient: from, toClient: to, total: total), seriesRestarted: true
            )
        }
        if let api, api < sum {
            // The series started again between the two reads: the /metrics part is the old one's.
            let old = split(baseline, from: from, to: to, total: sum)
            return Accounted(
                usage: usage(from: old.fromClient, to: old.toClient, unsplit: old.unsplit.saturatingAdd(api)),
                next: CounterBaseline(fromClient: 0, toClient: 0, total: api), seriesRestarted: true
            )
        }
        let total = max(sum, api ?? 0)
        return Accounted(usage: split(baseline, from: from, to: to, total: total), next: CounterBaseline(fromClient: from, toClient: to, total: total), seriesRestarted: false)
    }

    /// `total − baseline.total` new bytes, split by the `/metrics` deltas as far as they reach.
    private static func split(_ baseline: CounterBaseline, from: UInt64, to: UInt64, total: UInt64) -> UserUsage {
        let new = total - baseline.total
        let fromPart = min(from - baseline.fromClient, new)
        let toPart = min(to - baseline.toClient, new - fromPart)
        return usage(from: fromPart, to: toPart, unsplit: new - fromPart - toPart)
    }

    private static func usage(from: UInt64 = 0, to: UInt64 = 0, unsplit: UInt64 = 0) -> UserUsage {
        UserUsage(user: "", fromClient: from, toClient: to, unsplit: unsplit)
    }
}
