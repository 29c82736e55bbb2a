public import Foundation

/// Something the notifier should hear about one user, found by comparing two evaluations.
public enum UserEvent: Sendable, Equatable {
    /// The state changed; `reason` is the new evaluation's reason.
    case transition(user: String, from: UserState, to: UserState, reason: String)
    /// An active user's usage rose to `threshold` of the limit within one period.
    case usageThreshold(user: String, threshold: UsageThreshold, used: UInt64, limit: UInt64, reason: String)
    /// The user's expiry came within the machine's expiring window.
    case expiringSoon(user: String, expire: Date, reason: String)

    /// A stable name for routing and storage: the new state's raw value for a transition
    /// (`active`, `disabled`, `limited`, `expired`, `on_hold`), `usage_threshold` or `expiring_soon`.
    public var kind: String {
        switch self {
        case .transition(_, _, let to, _): to.rawValue
        case .usageThreshold: "usage_threshold"
        case .expiringSoon: "expiring_soon"
        }
    }

    /// The user's name.
    public var user: String {
        switch self {
        case .transition(let user, _, _, _), .usageThreshold(let user, _, _, _, _), .expiringSoon(let user, _, _): user
        }
    }

    /// The event in words, free of secrets.
    public var reason: String {
        switch self {
        case .transition(_, _, _, let reason), .usageThreshold(_, _, _, _, let reason), .expiringSoon(_, _, let reason):
            reason
        }
    }
}
