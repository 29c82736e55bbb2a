public import Foundation
public import Spec
import StatsSink

/// What the state machine concluded about one user at one instant: plain fields, so that the status
/// file can store them and `plan` can compare a previous evaluation with a new one.
///
/// Two evaluations of the same user, observation and zone at instants between `now` and
/// ``nextChange`` are equal: the value changes only at ``nextChange`` or with new inputs.
public struct UserEvaluation: Sendable, Equatable {
    /// The user's name.
    public var user: String
    /// Where the user stands.
    public var state: UserState
    /// Why, in words for a review and free of secrets: `used 50.2 GiB of 50 GiB in 2026-11 (Europe/Moscow)`.
    /// Built from the other fields when asked for (a tick of 100,000 users prints few of them).
    public var reason: String {
        UserReason.text(self)
    }
    /// The reset rule the usage was counted under.
    public var reset: ResetPeriod
    /// The current calendar period of ``reset`` in ``timeZone``; `nil` for `reset: none`.
    public var period: DateInterval?
    /// Bytes used in ``period`` (all recorded traffic for `reset: none`).
    public var used: UInt64
    /// The data limit per period.
    public var limit: DataLimit
    /// The instant the user expires: `expire`, or the first connection + `on_hold`, whichever is
    /// earlier; `nil` when neither applies yet.
    public var expire: Date?
    /// The first instant the user was seen connected, or `nil` if never.
    public var firstSeen: Date?
    /// Whether the expiry is within the machine's expiring window (never for disabled or expired users).
    public var expiringSoon: Bool
    /// The soonest instant after the evaluation's `now` at which it changes on the clock alone
    /// (period end, expiry, start of the expiring window); `nil` when nothing is scheduled.
    public var nextChange: Date?
    /// The spec's time zone, in which periods are counted and instants are printed.
    public var timeZone: TimeZone
    /// The spec's `on_hold`, which the reason of an `on_hold` user names.
    public var onHold: SpecDuration?
    /// Whether ``expire`` is the first connection + `on_hold` rather than the spec's `expire`.
    public var expiryFromHold: Bool

    /// Creates an evaluation from stored fields (the state machine makes new ones).
    public init(
        user: String, state: UserState, reset: ResetPeriod, period: DateInterval?,
        used: UInt64, limit: DataLimit, expire: Date?, firstSeen: Date?, expiringSoon: Bool,
        nextChange: Date?, timeZone: TimeZone, onHold: SpecDuration? = nil, expiryFromHold: Bool = false
    ) {
        self.user = user
        self.state = state
        self.reset = reset
        self.period = period
        self.used = used
        self.limit = limit
        self.expire = expire
        self.firstSeen = firstSeen
        self.expiringSoon = expiringSoon
        self.nextChange = nextChange
        self.timeZone = timeZone
        self.onHold = onHold
        self.expiryFromHold = expiryFromHold
    }
}

extension UserEvaluation {
    /// ``period`` with its reset rule, as the usage phrases name it.
    var usagePeriod: UsagePeriod {
        UsagePeriod(reset: reset, interval: period)
    }
}
