/// What recording one scrape changes: the deltas to add and the node's new baselines.
public struct LedgerStep: Sendable, Equatable {
    /// How the scrape relates to the previous one.
    public var kind: ScrapeKind
    /// Why the scrape counts as ``ScrapeKind/restarted``.
    public var evidence: RestartEvidence?
    /// Non-zero deltas, sorted by user.
    public var deltas: [TrafficDelta]
    /// The node's complete new baselines, sorted by user (users without a reading keep theirs).
    public var baselines: [(user: String, counters: CounterBaseline)]
    /// Users that had a baseline but no reading in this scrape (suppressed, beyond the labelled
    /// 4,096, idle): their baselines are kept.
    public var missing: Int
    /// Users whose series started again from zero while the process continued (telemt's 24 h idle prune).
    public var seriesRestarted: [String]

    /// Creates a step.
    public init(
        kind: ScrapeKind, evidence: RestartEvidence? = nil, deltas: [TrafficDelta] = [],
        baselines: [(user: String, counters: CounterBaseline)] = [], missing: Int = 0, seriesRestarted: [String] = []
    ) {
        self.kind = kind
        self.evidence = evidence
        self.deltas = deltas
        self.baselines = baselines
        self.missing = missing
        self.seriesRestarted = seriesRestarted
    }

    /// The new baselines as a dictionary.
    public var baselineMap: [String: CounterBaseline] {
        Dictionary(uniqueKeysWithValues: baselines.map { ($0.user, $0.counters) })
    }

    public static func == (lhs: LedgerStep, rhs: LedgerStep) -> Bool {
        lhs.kind == rhs.kind && lhs.evidence == rhs.evidence && lhs.deltas == rhs.deltas && lhs.missing == rhs.missing
            && lhs.seriesRestarted == rhs.seriesRestarted
            && lhs.baselines.elementsEqual(rhs.baselines) { $0.user == $1.user && $0.counters == $1.counters }
    }
}
