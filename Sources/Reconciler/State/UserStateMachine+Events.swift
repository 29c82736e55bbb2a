import Foundation
import StatsSink

extension UserStateMachine {
    /// The events between the `previous` evaluation of a user and its `current` one, in this order:
    /// - a ``UserEvent/transition(user:from:to:reason:)`` when the state changed (its kind is the new
    ///   state: `active` also for "back to active");
    /// - one ``UserEvent/usageThreshold(user:threshold:used:limit:reason:)`` for the highest threshold
    ///   that an `active` user's usage rose to: reached now, not reached in the previous evaluation of
    ///   the same period (a new period counts from zero, so a period that starts lower raises nothing,
    ///   and a usage that stays above raises nothing again); reaching the limit itself is the
    ///   `limited` transition instead;
    /// - an ``UserEvent/expiringSoon(user:expire:reason:)`` when the user entered the expiring window.
    ///
    /// Without a previous evaluation (the first one the caller has, or one of another user) there are
    /// no events at all: a user who was already limited, expired or past a threshold is not announced
    /// again after a restart. The caller persists evaluations to compare the next one with.
    public func events(from previous: UserEvaluation?, to current: UserEvaluation) -> [UserEvent] {
        guard let previous, previous.user == current.user else { return [] }
        var events: [UserEvent] = []
        if previous.state != current.state {
            events.append(.transition(user: current.user, from: previous.state, to: current.state, reason: current.reason))
        }
        if let limit = current.limit.byteCount, let threshold = crossedThreshold(from: previous, to: current) {
            let usage = UserReason.usage(
                used: current.used, limit: current.limit,
                period: UsagePeriod(reset: current.reset, interval: current.period), timeZone: current.timeZone
            )
            let reason = "reached \(threshold.percentText) of the limit: \(usage)"
            events.append(.usageThreshold(
                user: current.user, threshold: threshold, used: current.used, limit: limit, reason: reason
            ))
        }
        if current.expiringSoon, !previous.expiringSoon, let expire = current.expire {
            let reason = "expires \(InstantFormat.string(expire, timeZone: current.timeZone))"
            events.append(.expiringSoon(user: current.user, expire: expire, reason: reason))
        }
        return events
    }

    /// The highest threshold an active user's usage rose to between the two evaluations, if any.
    func crossedThreshold(from previous: UserEvaluation, to current: UserEvaluation) -> UsageThreshold? {
        guard current.state == .active, let limit = current.limit.byteCount, limit > 0 else { return nil }
        let samePeriod = previous.reset == current.reset && previous.period == current.period
        let previousLimit = samePeriod ? previous.limit.byteCount : nil
        return thresholds.last { threshold in
            threshold.isReached(used: current.used, limit: limit)
                && !(previousLimit.map { threshold.isReached(used: previous.used, limit: $0) } ?? false)
        }
    }
}
