public import Foundation

/// The node-level facts of one recorded scrape, kept for charts and health.
public struct SystemSample: Sendable, Equatable {
    /// When the scrape was taken.
    public var at: Date
    /// telemt's uptime, in seconds.
    public var uptime: Double
    /// telemt's version, if it printed one.
    public var version: String?
    /// How the scrape related to the previous one (restarts show up here).
    public var kind: ScrapeKind
    /// Users with traffic counters.
    public var users: Int
    /// The sum of users' current connections.
    public var connections: UInt64

    /// Creates a sample.
    public init(at: Date, uptime: Double, version: String?, kind: ScrapeKind, users: Int, connections: UInt64) {
        self.at = at
        self.uptime = uptime
        self.version = version
        self.kind = kind
        self.users = users
        self.connections = connections
    }
}
