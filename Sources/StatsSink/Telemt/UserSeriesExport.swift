/// telemt's account of its per-user series (`telemt_telemetry_user_series_suppressed` and
/// `telemt_telemetry_user_series_users{family="stats",status=…}`): it labels at most 4,096 users,
/// the first of a hash map in an order that shifts between scrapes, and none with per-user
/// telemetry off. A user missing from `/metrics` therefore does not mean its counter reset.
public struct UserSeriesExport: Sendable, Equatable {
    /// Whether telemt left some (or all) per-user series out of this scrape.
    public var suppressed: Bool
    /// Users whose traffic series telemt printed (`family="stats",status="emitted"`).
    public var statsEmitted: UInt64?
    /// Users whose traffic series telemt left out (`family="stats",status="suppressed"`).
    public var statsSuppressed: UInt64?

    /// Creates an account.
    public init(suppressed: Bool, statsEmitted: UInt64? = nil, statsSuppressed: UInt64? = nil) {
        self.suppressed = suppressed
        self.statsEmitted = statsEmitted
        self.statsSuppressed = statsSuppressed
    }
}
