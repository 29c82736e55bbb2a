public import Foundation
public import Spec

/// One user's line in the status file: state, reason, period, bucketed usage, limit, expiry, first
/// connection and current connections. No secret.
public struct UserStatusEntry: Sendable, Equatable {
    /// The user's name.
    public var name: String
    /// `active`, `disabled`, `limited`, `expired` or `on_hold`.
    public var state: String
    /// Why, in words (`used 50.2 GiB of 50 GiB in 2026-11 (Europe/Moscow)`).
    public var reason: String?
    /// The current quota period, if the user has one.
    public var period: DateInterval?
    /// Period usage, rounded down to its ``UsageBucket``.
    public var used: UInt64
    /// The limit per period.
    public var limit: DataLimit
    /// The resolved expiry (also for `on_hold` users once they connected).
    public var expire: Date?
    /// The first connection seen on this node.
    public var firstSeen: Date?
    /// Current connections at the last scrape.
    public var connections: UInt64

    /// Creates an entry; `used` is bucketed against `limit`.
    public init(name: String, state: String, reason: String? = nil, period: DateInterval? = nil, used: UInt64 = 0,
                limit: DataLimit = .unlimited, expire: Date? = nil, firstSeen: Date? = nil, connections: UInt64 = 0) {
        self.name = name
        self.state = state
        self.reason = reason
        self.period = period
        self.used = UsageBucket.floor(used, limit: limit)
        self.limit = limit
        self.expire = expire
        self.firstSeen = firstSeen
        self.connections = connections
    }
}
