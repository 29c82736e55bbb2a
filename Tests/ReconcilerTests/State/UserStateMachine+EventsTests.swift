import Foundation
import Spec
import Testing
@testable import Reconciler

extension StateTests {
    /// Events between two evaluations: transitions, thresholds, the expiring window.
    @Suite struct UserStateMachineEventsTests {
        static let now = StateTests.date("2026-11-15T12:00:00+03:00")
        static let limit = 100 * StateTests.gib
        static let machine = UserStateMachine()

        static func evaluate(
            _ user: UserSpec = UserSpec(name: "alice", dataLimit: .bytes(limit), reset: .monthly),
            used: UInt64 = 0, first: Date? = nil, at now: Date = now, machine: UserStateMachine = machine
        ) -> UserEvaluation {
            let observation = UserObservation(periodUsage: used, firstConnection: first)
            return machine.evaluate(user, observation: observation, timeZone: StateTests.moscow, now: now)
        }

        /// The usage `percent` % of the 100 GiB limit.
        static func percent(_ percent: UInt64) -> UInt64 {
            limit / 100 * percent
        }

        static func kinds(_ previous: UserEvaluation?, _ current: UserEvaluation, machine: UserStateMachine = machine) -> [String] {
            machine.events(from: previous, to: current).map(\.kind)
        }

        @Test func eachTransitionIsAnEventNamedAfterTheNewState() {
            let expire = Self.now.addingTimeInterval(60 * 86_400)
            let user = UserSpec(name: "alice", dataLimit: .bytes(Self.limit), reset: .monthly, expire: expire)
            let active = Self.evaluate(user)
            let limited = Self.evaluate(user, used: Self.limit)
            let expired = Self.evaluate(user, at: expire)
            var disabledUser = user
            disabledUser.disabled = true
            let disabled = Self.evaluate(disabledUser)
            #expect(Self.machine.events(from: active, to: limited) == [
                .transition(user: "alice", from: .active, to: .limited, reason: "used 100.0 GiB of 100 GiB in 2026-11 (Europe/Moscow)"),
            ])
            #expect(Self.kinds(limited, active) == ["active"])
            #expect(Self.kinds(active, expired) == ["expired"])
            #expect(Self.kinds(limited, expired) == ["expired"])
            #expect(Self.kinds(active, disabled) == ["disabled"])
            #expect(Self.kinds(disabled, active) == ["active"])
            #expect(expired.reason == "expired 2027-01-14 12:00:00 +03:00")
        }

        @Test func onHoldUsersBecomeActiveAtTheirFirstConnection() {
            let user = UserSpec(name: "erin", onHold: StateTests.thirtyDays)
            let held = Self.evaluate(user)
            let active = Self.evaluate(user, first: Self.now)
            let events = Self.machine.events(from: held, to: active)
            #expect(events.map(\.kind) == ["active"])
            #expect(events.first?.reason == "unlimited, used 0 B in total, expires 2026-12-15 12:00:00 +03:00")
            #expect(Self.kinds(held, Self.evaluate(user, first: Self.now.addingTimeInterval(-31 * 86_400))) == ["expired"])
        }

        @Test func thresholdsFireOnceEachOnTheWayUp() {
            let steps = [0, 50, 80, 85, 94, 95, 99].map { Self.evaluate(used: Self.percent($0)) }
            let events = zip(steps, steps.dropFirst()).map { Self.machine.events(from: $0, to: $1) }
            #expect(events.map { $0.map(\.kind) } == [[], ["usage_threshold"], [], [], ["usage_threshold"], []])
            #expect(events[1] == [.usageThreshold(
                user: "alice", threshold: UsageThreshold(percent: 80)!, used: Self.percent(80), limit: Self.limit,
                reason: "reached 80 % of the limit: used 80.0 GiB of 100 GiB in 2026-11 (Europe/Moscow)"
            )])
            #expect(events[4].first?.reason == "reached 95 % of the limit: used 95.0 GiB of 100 GiB in 2026-11 (Europe/Moscow)")
        }

        @Test func aJumpPastSeveralThresholdsRaisesOnlyTheHighest() {
            let events = Self.machine.events(from: Self.evaluate(used: Self.percent(10)), to: Self.evaluate(used: Self.percent(96)))
            #expect(events.count == 1)
            if case .usageThreshold(_, let threshold, _, _, _) = events.first {
                #expect(threshold == UsageThreshold(percent: 95))
            } else {
                Issue.record("expected a usage threshold, got \(events)")
            }
        }

        @Test func straightToTheLimitIsOnlyTheLimitedTransition() {
            #expect(Self.kinds(Self.evaluate(used: Self.percent(10)), Self.evaluate(used: Self.limit + 1)) == ["limited"])
            #expect(Self.kinds(Self.evaluate(used: Self.percent(90)), Self.evaluate(used: Self.limit)) == ["limited"])
        }

        @Test func aNewPeriodCountsFromZero() {
            let nextMonth = StateTests.date("2026-12-02T12:00:00+03:00")
            let high = Self.evaluate(used: Self.percent(90))
            #expect(Self.kinds(high, Self.evaluate(used: Self.percent(10), at: nextMonth)).isEmpty)
            #expect(Self.kinds(high, Self.evaluate(used: Self.percent(85), at: nextMonth)) == ["usage_threshold"])
            #expect(Self.kinds(Self.evaluate(used: Self.limit), Self.evaluate(used: Self.percent(20), at: nextMonth)) == ["active"])
        }

        @Test func limitChangesCompareShares() {
            let unlimitedUser = UserSpec(name: "alice", reset: .monthly)
            let limitedUser = UserSpec(name: "alice", dataLimit: .bytes(Self.limit), reset: .monthly)
            let raisedUser = UserSpec(name: "alice", dataLimit: .bytes(2 * Self.limit), reset: .monthly)
            let limitSet = (Self.evaluate(unlimitedUser, used: Self.percent(85)), Self.evaluate(limitedUser, used: Self.percent(85)))
            #expect(Self.kinds(limitSet.0, limitSet.1) == ["usage_threshold"])
            #expect(Self.kinds(Self.evaluate(limitedUser, used: Self.limit), Self.evaluate(raisedUser, used: Self.limit)) == ["active"])
            let lowered = (Self.evaluate(raisedUser, used: Self.percent(90)), Self.evaluate(limitedUser, used: Self.percent(90)))
            #expect(Self.kinds(lowered.0, lowered.1) == ["usage_threshold"])
        }

        @Test func inactiveUsersRaiseNoThresholds() {
            var user = UserSpec(name: "alice", dataLimit: .bytes(Self.limit), reset: .monthly, disabled: true)
            #expect(Self.kinds(Self.evaluate(user, used: 0), Self.evaluate(user, used: Self.percent(90))).isEmpty)
            user.disabled = false
            user.dataLimit = .bytes(0)
            #expect(Self.kinds(Self.evaluate(user, used: 0), Self.evaluate(user, used: 5)).isEmpty)
        }

        @Test func configuredThresholdsReplaceTheDefaults() {
            let machine = UserStateMachine(thresholds: [UsageThreshold(percent: 50)!, UsageThreshold(fraction: 0.9)!])
            let evaluations = [40, 55, 85, 90].map { Self.evaluate(used: Self.percent($0), machine: machine) }
            let kinds = zip(evaluations, evaluations.dropFirst()).map { Self.kinds($0, $1, machine: machine) }
            #expect(kinds == [["usage_threshold"], [], ["usage_threshold"]])
            #expect(Self.kinds(evaluations[0], evaluations[3], machine: UserStateMachine(thresholds: [])).isEmpty)
        }

        @Test func enteringTheExpiringWindowIsAnnouncedOnce() {
            let expire = StateTests.date("2026-11-30T23:59:59+03:00")
            let user = UserSpec(name: "alice", expire: expire)
            let outside = Self.evaluate(user, at: StateTests.date("2026-11-27T23:59:58+03:00"))
            let entered = Self.evaluate(user, at: StateTests.date("2026-11-27T23:59:59+03:00"))
            let inside = Self.evaluate(user, at: StateTests.date("2026-11-29T12:00:00+03:00"))
            #expect(Self.machine.events(from: outside, to: entered) == [
                .expiringSoon(user: "alice", expire: expire, reason: "expires 2026-11-30 23:59:59 +03:00"),
            ])
            #expect(Self.kinds(entered, inside).isEmpty)
            #expect(Self.kinds(outside, inside) == ["expiring_soon"])
            #expect(Self.kinds(inside, Self.evaluate(user, at: expire)) == ["expired"])
            var disabled = user
            disabled.disabled = true
            let disabledWindow = (Self.evaluate(disabled, at: outside.nextChange!), Self.evaluate(disabled, at: expire.addingTimeInterval(-1)))
            #expect(Self.kinds(disabledWindow.0, disabledWindow.1).isEmpty)
        }

        @Test func aFirstEvaluationRaisesNothing() {
            let user = UserSpec(name: "alice", dataLimit: .bytes(Self.limit), reset: .monthly, expire: Self.now.addingTimeInterval(3_600))
            #expect(Self.machine.events(from: nil, to: Self.evaluate(user, used: Self.limit)).isEmpty)
            #expect(Self.machine.events(from: nil, to: Self.evaluate(user, used: Self.percent(90))).isEmpty)
            var other = Self.evaluate(user, used: 0)
            other.user = "bob"
            #expect(Self.machine.events(from: other, to: Self.evaluate(user, used: Self.limit)).isEmpty)
        }

        @Test func eventsNameTheirUserAndReason() {
            let events: [UserEvent] = [
                .transition(user: "a", from: .active, to: .onHold, reason: "r1"),
                .usageThreshold(user: "b", threshold: UsageThreshold.defaults[0], used: 1, limit: 2, reason: "r2"),
                .expiringSoon(user: "c", expire: Self.now, reason: "r3"),
            ]
            #expect(events.map(\.kind) == ["on_hold", "usage_threshold", "expiring_soon"])
            #expect(events.map(\.user) == ["a", "b", "c"])
            #expect(events.map(\.reason) == ["r1", "r2", "r3"])
        }
    }
}
