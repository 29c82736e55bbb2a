/// What recording one scrape changes: the deltas to add and the new baselines to keep.
public struct LedgerStep: Sendable, Equatable {
    /// How the scrape relates to the previous one.
    public var kind: ScrapeKind
    /// Non-zero deltas, sorted by user.
    public var deltas: [TrafficDelta]
    /// Baselines that are new or changed.
    public var updatedBaselines: [String: CounterBaseline]
    /// Users whose series vanished (their baselines are dropped, so they count from zero when they return).
    public var vanished: [String]

    /// Creates a step.
    public init(kind: ScrapeKind, deltas: [TrafficDelta] = [], updatedBaselines: [String: CounterBaseline] = [:], vanished: [String] = []) {
        self.kind = kind
        self.deltas = deltas
        self.updatedBaselines = updatedBaselines
        self.vanished = vanished
    }
}
