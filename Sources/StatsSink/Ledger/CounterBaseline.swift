/// What the ledger keeps per (node, user) series between scrapes: the counters last read.
///
/// `total` is the highest reading of `from + to` seen in this series, from `/metrics` or from
/// telemt's API `total_octets` (the same counter, summed): every byte up to it is accounted.
/// `fromClient` and `toClient` are the last `/metrics` readings, which split new bytes by direction.
public struct CounterBaseline: Sendable, Equatable {
    /// The last recorded `telemt_user_octets_from_client`.
    public var fromClient: UInt64
    /// The last recorded `telemt_user_octets_to_client`.
    public var toClient: UInt64
    /// The highest `from + to` reading accounted so far in this series.
    public var total: UInt64

    /// Creates a baseline; `total` defaults to `fromClient + toClient` (saturating).
    public init(fromClient: UInt64, toClient: UInt64, total: UInt64? = nil) {
        self.fromClient = fromClient
        self.toClient = toClient
        self.total = total ?? fromClient.saturatingAdd(toClient)
    }

    /// A series that has not moved a byte yet.
    public static let zero = CounterBaseline(fromClient: 0, toClient: 0, total: 0)
}

extension UInt64 {
    /// `self + other`, or `UInt64.max` when that does not fit.
    func saturatingAdd(_ other: UInt64) -> UInt64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}
