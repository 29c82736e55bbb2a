public import Foundation
public import Spec
import StatsSink

/// The user state machine: a pure value that turns (user spec, observation, time zone, clock) into a
/// ``UserEvaluation``, and two evaluations into ``UserEvent``s. No I/O and no clock of its own: `now`
/// is always an input, so the same inputs always give the same evaluation.
///
/// States, first match wins (`disabled` > `expired` > `limited` > `on_hold` > `active`):
/// 1. `disabled` — the spec says `disabled: true`, whatever else holds;
/// 2. `expired` — `now` is at or after the expiry (`expire`, or the first connection + `on_hold`,
///    the earlier of the two);
/// 3. `limited` — the period's usage is at or above `data_limit` (a limit of 0 is always reached);
/// 4. `on_hold` — the user has `on_hold` and has never connected;
/// 5. `active` — otherwise.
public struct UserStateMachine: Sendable, Equatable {
    /// The shares of the limit that raise ``UserEvent/usageThreshold(user:threshold:used:limit:reason:)``,
    /// ascending and without repeats.
    public let thresholds: [UsageThreshold]
    /// How long before the expiry a user counts as expiring soon, in seconds; 0 turns it off.
    public let expiringWindow: TimeInterval

    /// The default expiring window: 3 days.
    public static let defaultExpiringWindow: TimeInterval = 3 * 86_400

    /// A machine with usage `thresholds` (default 80 % and 95 %; sorted, repeats dropped) and an
    /// `expiringWindow` in seconds (default 3 days; negative or non-finite values count as 0).
    public init(
        thresholds: [UsageThreshold] = UsageThreshold.defaults,
        expiringWindow: TimeInterval = UserStateMachine.defaultExpiringWindow
    ) {
        self.thresholds = Array(Set(thresholds)).sorted()
        self.expiringWindow = expiringWindow.isFinite ? max(0, expiringWindow) : 0
    }

    /// Evaluates `user` at `now`, with its `observation` (period usage, first connection) and the spec's `timeZone`.
    public func evaluate(
        _ user: UserSpec, observation: UserObservation, timeZone: TimeZone, now: Date
    ) -> UserEvaluation {
        evaluate(user, observation: observation, timeZone: timeZone, now: now, period: nil)
    }

    /// Evaluates every user of `desired` at `now`, in the spec's order; a user missing from
    /// `observations` has used nothing and never connected. Each reset rule's period is computed once.
    public func evaluate(
        _ desired: DesiredState, observations: [String: UserObservation], now: Date
    ) -> [UserEvaluation] {
        var periods: [ResetPeriod: UsagePeriod] = [:]
        return desired.users.map { user in
            let period = periods[user.reset] ?? UsagePeriod.containing(now, reset: user.reset, timeZone: desired.timeZone)
            periods[user.reset] = period
            return evaluate(user, observation: observations[user.name] ?? UserObservation(), timeZone: desired.timeZone, now: now, period: period)
        }
    }

    private func evaluate(
        _ user: UserSpec, observation: UserObservation, timeZone: TimeZone, now: Date, period: UsagePeriod?
    ) -> UserEvaluation {
        let facts = UserFacts(user: user, observation: observation, timeZone: timeZone, now: now, period: period)
        let state = Self.state(of: user, facts: facts, observation: observation, now: now)
        return UserEvaluation(
            user: user.name, state: state, reset: user.reset, period: facts.period.interval, used: facts.used,
            limit: user.dataLimit, expire: facts.expiry, firstSeen: observation.firstConnection,
            expiringSoon: isExpiringSoon(state: state, expiry: facts.expiry, now: now),
            nextChange: nextChange(state: state, facts: facts, now: now), timeZone: timeZone,
            onHold: user.onHold, expiryFromHold: facts.expiryFromHold
        )
    }

    /// The soonest ``UserEvaluation/nextChange`` of `evaluations`: what a reconcile loop sleeps until
    /// (or its interval, if sooner); `nil` when none of them has one.
    public static func soonestChange(_ evaluations: some Sequence<UserEvaluation>) -> Date? {
        evaluations.lazy.compactMap(\.nextChange).min()
    }

    static func state(of user: UserSpec, facts: UserFacts, observation: UserObservation, now: Date) -> UserState {
        if user.disabled { return .disabled }
        if let expiry = facts.expiry, now >= expiry { return .expired }
        if let limit = user.dataLimit.byteCount, facts.used >= limit { return .limited }
        if user.onHold != nil, observation.firstConnection == nil { return .onHold }
        return .active
    }

    /// Whether the expiry lies within the window at `now`; never for disabled or expired users.
    func isExpiringSoon(state: UserState, expiry: Date?, now: Date) -> Bool {
        guard state != .disabled, state != .expired, let expiry, expiringWindow > 0 else { return false }
        return now >= expiry.addingTimeInterval(-expiringWindow)
    }

    /// The soonest instant after `now` among the period end (usage starts again from zero) and, for
    /// users whom the clock can still move, the expiry and the start of the expiring window.
    func nextChange(state: UserState, facts: UserFacts, now: Date) -> Date? {
        var candidates: [Date] = []
        if let end = facts.period.interval?.end { candidates.append(end) }
        if state != .disabled, state != .expired, let expiry = facts.expiry {
            candidates.append(expiry)
            if expiringWindow > 0 { candidates.append(expiry.addingTimeInterval(-expiringWindow)) }
        }
        return candidates.filter { $0 > now }.min()
    }
}
