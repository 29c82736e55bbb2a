/// What recording one scrape did.
public struct RecordResult: Sendable, Equatable {
    /// How the scrape related to the previous one; `.duplicate` means nothing was written.
    public var kind: ScrapeKind
    /// The traffic added, per user (non-zero only), sorted by user.
    public var deltas: [TrafficDelta]
    /// Users whose series had vanished since the previous scrape.
    public var vanished: [String]
    /// How many users the scrape had.
    public var users: Int

    /// Creates a result.
    public init(kind: ScrapeKind, deltas: [TrafficDelta], vanished: [String], users: Int) {
        self.kind = kind
        self.deltas = deltas
        self.vanished = vanished
        self.users = users
    }

    /// The traffic added, all users together per component (user name empty), saturating.
    public var added: UserUsage { deltas.summed() }

    /// All bytes added by this scrape, saturating at 2⁶⁴ − 1.
    public var totalBytes: UInt64 { added.total }
}
