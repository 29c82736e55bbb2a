public import Foundation

/// What the host has observed of one user: the facts the state machine needs besides the spec and the clock.
public struct UserObservation: Sendable, Equatable {
    /// Bytes used in the current period of the user's `reset` (all recorded traffic for `reset: none`).
    public var periodUsage: UInt64
    /// The first instant the user was seen connected, or `nil` if never.
    public var firstConnection: Date?

    /// Creates an observation; the default is a user who has never connected.
    public init(periodUsage: UInt64 = 0, firstConnection: Date? = nil) {
        self.periodUsage = periodUsage
        self.firstConnection = firstConnection
    }
}
