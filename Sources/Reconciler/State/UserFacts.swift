import Foundation
import Spec
import StatsSink

/// The facts an evaluation is built from, resolved once from the inputs: the period, the usage and the expiry.
struct UserFacts {
    /// The current period of the user's `reset`.
    var period: UsagePeriod
    /// Bytes used in `period`.
    var used: UInt64
    /// The resolved expiry, if any.
    var expiry: Date?
    /// Whether `expiry` is the first connection + `on_hold` (rather than `expire`).
    var expiryFromHold: Bool

    /// Resolves the facts of `user` at `now`: the expiry is the earlier of `expire` and the first
    /// connection + `on_hold` (an `expire` that ties with it wins, as the one written down).
    /// `period` is the current period of the user's `reset`, when the caller already knows it.
    init(user: UserSpec, observation: UserObservation, timeZone: TimeZone, now: Date, period: UsagePeriod? = nil) {
        self.period = period ?? UsagePeriod.containing(now, reset: user.reset, timeZone: timeZone)
        used = observation.periodUsage
        let holdEnd = observation.firstConnection.flatMap { first in
            user.onHold.map { first.addingTimeInterval(TimeInterval($0.seconds)) }
        }
        switch (user.expire, holdEnd) {
        case let (expire?, holdEnd?):
            expiry = min(expire, holdEnd)
            expiryFromHold = holdEnd < expire
        case let (expire, holdEnd):
            expiry = expire ?? holdEnd
            expiryFromHold = holdEnd != nil
        }
    }
}
