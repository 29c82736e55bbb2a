/// Where a user stands, as the state machine decides it and the status file writes it.
///
/// When several conditions hold at once, the first of this order wins:
/// `disabled` > `expired` > `limited` > `on_hold` > `active`.
public enum UserState: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Allowed to connect.
    case active
    /// Cut off by `disabled: true` in the spec.
    case disabled
    /// Cut off until the period rolls over: the period's usage reached `data_limit`.
    case limited
    /// Cut off for good: the expiry instant (`expire`, or first connection + `on_hold`) has passed.
    case expired
    /// Has `on_hold` and has never connected: the expiry clock has not started.
    case onHold = "on_hold"

    /// Whether telemt should let the user in (`user_enabled`): only `active` and `on_hold` users may connect.
    public var allowsConnections: Bool {
        self == .active || self == .onHold
    }
}
