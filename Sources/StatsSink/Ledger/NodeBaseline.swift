/// Everything the ledger keeps for one node between scrapes: the identity of the last recorded
/// scrape and each user's baseline, including users absent from it (a missing series keeps its
/// baseline while telemt's counters are the same generation).
public struct NodeBaseline: Sendable, Equatable {
    /// The last recorded scrape's identity.
    public var identity: ScrapeIdentity
    /// Per-user baselines by name.
    public var users: [String: CounterBaseline]

    /// Creates a node baseline.
    public init(identity: ScrapeIdentity, users: [String: CounterBaseline] = [:]) {
        self.identity = identity
        self.users = users
    }
}
