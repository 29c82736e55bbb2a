/// What recording one scrape did.
public struct RecordResult: Sendable, Equatable {
    /// How the scrape related to the previous one; `.duplicate` means nothing was written.
    public var kind: ScrapeKind
    /// The traffic added, per user (non-zero only), sorted by user.
    public var deltas: [TrafficDelta]
    /// Why the scrape counted as a restart.
    public var evidence: RestartEvidence?
    /// Users whose series started again from zero while telemt kept running (its 24 h idle prune).
    public var seriesRestarted: [String]
    /// Users with a kept baseline but no reading in this scrape (their baselines are kept).
    public var missing: Int
    /// How many users the scrape had a reading for.
    public var users: Int
    /// telemt's own account of the users it left out of `/metrics`, if printed.
    public var series: UserSeriesExport?

    /// Creates a result.
    public init(
        kind: ScrapeKind, evidence: RestartEvidence? = nil, deltas: [TrafficDelta], seriesRestarted: [String] = [],
        missing: Int = 0, users: Int, series: UserSeriesExport? = nil
    ) {
        self.kind = kind
        self.evidence = evidence
        self.deltas = deltas
        self.seriesRestarted = seriesRestarted
        self.missing = missing
        self.users = users
        self.series = series
    }

    /// The result of applying `step`.
    package init(_ step: LedgerStep, users: Int, series: UserSeriesExport?) {
        self.init(
            kind: step.kind, evidence: step.evidence, deltas: step.deltas, seriesRestarted: step.seriesRestarted,
            missing: step.missing, users: users, series: series
        )
    }

    /// The traffic added, all users together per component (user name empty), saturating.
    public var added: UserUsage { deltas.summed() }

    /// All bytes added by this scrape, saturating at 2⁶⁴ − 1.
    public var totalBytes: UInt64 { added.total }
}
