public import Foundation

/// What one scrape of telemt's `/metrics` says: when it was taken, telemt's uptime and version,
/// and every labelled user's counters.
public struct TelemtSnapshot: Sendable, Equatable {
    /// When the scrape was taken (the scraper's clock). Traffic is attributed to this instant.
    public var scrapedAt: Date
    /// `telemt_uptime_seconds`: seconds since this telemt process started.
    public var uptime: Double
    /// The `version` label of `telemt_build_info`, if present.
    public var version: String?
    /// Users that have octet counters in this scrape, by name.
    public var users: [String: UserCounters]

    /// Creates a snapshot.
    public init(scrapedAt: Date, uptime: Double, version: String? = nil, users: [String: UserCounters] = [:]) {
        self.scrapedAt = scrapedAt
        self.uptime = uptime
        self.version = version
        self.users = users
    }

    /// The instant telemt started, derived as `scrapedAt − uptime` (jitters by about a second
    /// between scrapes, because the two clocks are read at slightly different moments).
    public var boot: Date { scrapedAt.addingTimeInterval(-uptime) }

    /// The sum of every user's current connections.
    public var connectionsCurrent: UInt64 {
        users.values.reduce(0) { $0 + ($1.connectionsCurrent ?? 0) }
    }
}
