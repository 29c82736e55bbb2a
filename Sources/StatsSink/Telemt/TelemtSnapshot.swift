public import Foundation

/// What one scrape of telemt says: when it arrived, telemt's uptime, version and process-wide
/// counters, every labelled user's counters from `/metrics`, and — when telemt's read-only API is
/// configured — every configured user's total from `GET /v1/users`.
public struct TelemtSnapshot: Sendable, Equatable {
    /// When the scrape's body arrived (the scraper's clock). Traffic is attributed to this instant.
    public var scrapedAt: Date
    /// `telemt_uptime_seconds`: seconds since this telemt process (or its last stats reset) started.
    public var uptime: Double
    /// The `version` label of `telemt_build_info`, if present.
    public var version: String?
    /// `telemt_connections_total`, if present: process-wide, lowered only by a restart or stats reset.
    public var connectionsTotal: UInt64?
    /// telemt's own account of which users it labelled (`telemt_telemetry_user_series_*`), if printed.
    public var userSeries: UserSeriesExport?
    /// Users that have octet counters in `/metrics`, by name.
    public var users: [String: UserCounters]
    /// What telemt's read-only API said, read after `/metrics`; `nil` when not configured.
    public var api: TelemtAPIObservation?
    /// `telemt_user_unique_ips_limit` by user: telemt prints it for the first 4,096 configured users
    /// (alphabetically), traffic or not, so it shows which users telemt has loaded.
    public var uniqueIPLimits: [String: UInt64] = [:]

    /// Creates a snapshot.
    public init(
        scrapedAt: Date, uptime: Double, version: String? = nil, connectionsTotal: UInt64? = nil,
        userSeries: UserSeriesExport? = nil, users: [String: UserCounters] = [:], api: TelemtAPIObservation? = nil
    ) {
        self.scrapedAt = scrapedAt
        self.uptime = uptime
        self.version = version
        self.connectionsTotal = connectionsTotal
        self.userSeries = userSeries
        self.users = users
        self.api = api
    }

    /// The sum of every user's current connections (saturating).
    public var connectionsCurrent: UInt64 {
        if let api, !api.users.isEmpty {
            return api.users.values.reduce(0) { $0.saturatingAdd($1.currentConnections ?? 0) }
        }
        return users.values.reduce(0) { $0.saturatingAdd($1.connectionsCurrent ?? 0) }
    }

    /// How many users this scrape has a reading for, from either source.
    public var userCount: Int {
        guard let api else { return users.count }
        return users.count + api.users.keys.reduce(0) { users[$1] == nil ? $0 + 1 : $0 }
    }
}
