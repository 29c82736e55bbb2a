/// Why the reconcile loop ticks. Triggers that arrive together are merged into one tick.
public enum TickTrigger: String, Sendable, Hashable, Comparable {
    /// The daemon started.
    case start
    /// The interval passed.
    case interval
    /// A user's state changes now (an expiry, a period end).
    case stateChange = "state change"
    /// A retry after a failure.
    case retry
    /// A signed webhook announced a push.
    case webhook
    /// SIGHUP.
    case signal = "SIGHUP"

    public static func < (lhs: TickTrigger, rhs: TickTrigger) -> Bool { lhs.rawValue < rhs.rawValue }
}
