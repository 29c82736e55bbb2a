import Foundation
import Spec
import Testing
@testable import Reconciler

extension StateTests {
    /// When each kind of evaluation changes on the clock alone.
    @Suite struct UserStateMachineNextChangeTests {
        static let now = StateTests.date("2026-11-15T12:00:00+03:00")
        static let monthEnd = StateTests.date("2026-12-01T00:00:00+03:00")
        static let inTenDays = now.addingTimeInterval(10 * 86_400)
        static let inOneDay = now.addingTimeInterval(86_400)
        static let windowStart = inTenDays.addingTimeInterval(-3 * 86_400)

        static func next(
            _ user: UserSpec, used: UInt64 = 0, first: Date? = nil, machine: UserStateMachine = UserStateMachine()
        ) -> (UserState, Date?) {
            let evaluation = machine.evaluate(
                user, observation: UserObservation(periodUsage: used, firstConnection: first), timeZone: StateTests.moscow, now: now
            )
            return (evaluation.state, evaluation.nextChange)
        }

        @Test func activeUsersChangeAtThePeriodEndTheWindowOrTheExpiry() {
            #expect(Self.next(UserSpec(name: "a", reset: .monthly)) == (.active, Self.monthEnd))
            #expect(Self.next(UserSpec(name: "a")) == (.active, nil))
            #expect(Self.next(UserSpec(name: "a", expire: Self.inTenDays)) == (.active, Self.windowStart))
            #expect(Self.next(UserSpec(name: "a", expire: Self.inOneDay)) == (.active, Self.inOneDay))
            #expect(Self.next(UserSpec(name: "a", reset: .monthly, expire: Self.inTenDays)) == (.active, Self.windowStart))
            let afterMonthEnd = Self.monthEnd.addingTimeInterval(5 * 86_400)
            #expect(Self.next(UserSpec(name: "a", reset: .monthly, expire: afterMonthEnd)) == (.active, Self.monthEnd))
        }

        @Test func withoutAWindowTheExpiryItselfIsNext() {
            let machine = UserStateMachine(expiringWindow: 0)
            #expect(Self.next(UserSpec(name: "a", expire: Self.inTenDays), machine: machine) == (.active, Self.inTenDays))
        }

        @Test func limitedUsersChangeAtThePeriodEndOrTheirExpiry() {
            let limit = DataLimit.bytes(StateTests.gib)
            #expect(Self.next(UserSpec(name: "a", dataLimit: limit, reset: .monthly), used: StateTests.gib) == (.limited, Self.monthEnd))
            #expect(Self.next(UserSpec(name: "a", dataLimit: limit), used: StateTests.gib) == (.limited, nil))
            #expect(Self.next(UserSpec(name: "a", dataLimit: limit, expire: Self.inOneDay), used: StateTests.gib) == (.limited, Self.inOneDay))
        }

        @Test func disabledAndExpiredUsersOnlySeeTheirPeriodRollOver() {
            let past = Self.now.addingTimeInterval(-1)
            #expect(Self.next(UserSpec(name: "a", reset: .monthly, disabled: true)) == (.disabled, Self.monthEnd))
            #expect(Self.next(UserSpec(name: "a", expire: Self.inOneDay, disabled: true)) == (.disabled, nil))
            #expect(Self.next(UserSpec(name: "a", reset: .monthly, expire: past)) == (.expired, Self.monthEnd))
            #expect(Self.next(UserSpec(name: "a", expire: past)) == (.expired, nil))
        }

        @Test func onHoldUsersWaitForTrafficUnlessAnExpiryIsWritten() {
            let hold = StateTests.thirtyDays
            #expect(Self.next(UserSpec(name: "a", onHold: hold)) == (.onHold, nil))
            #expect(Self.next(UserSpec(name: "a", reset: .daily, onHold: hold)) == (.onHold, StateTests.date("2026-11-16T00:00:00+03:00")))
            #expect(Self.next(UserSpec(name: "a", expire: Self.inTenDays, onHold: hold)) == (.onHold, Self.windowStart))
            let first = Self.now.addingTimeInterval(-20 * 86_400)
            #expect(Self.next(UserSpec(name: "a", onHold: hold), first: first) == (.active, Self.windowStart))
        }

        @Test func soonestChangeIsTheMinimumOverUsers() {
            let machine = UserStateMachine()
            let evaluations = [UserSpec(name: "a"), UserSpec(name: "b", reset: .monthly), UserSpec(name: "c", expire: Self.inTenDays)].map {
                machine.evaluate($0, observation: UserObservation(), timeZone: StateTests.moscow, now: Self.now)
            }
            #expect(UserStateMachine.soonestChange(evaluations) == Self.windowStart)
            #expect(UserStateMachine.soonestChange(evaluations.prefix(2)) == Self.monthEnd)
            #expect(UserStateMachine.soonestChange(evaluations.prefix(1)) == nil)
            #expect(UserStateMachine.soonestChange([]) == nil)
        }

        @Test func theWindowIsEnteredAtItsStart() {
            let user = UserSpec(name: "a", expire: Self.inTenDays)
            let machine = UserStateMachine()
            let evaluate = { machine.evaluate(user, observation: UserObservation(), timeZone: StateTests.moscow, now: $0) }
            let before = evaluate(Self.windowStart.addingTimeInterval(-1))
            let at = evaluate(Self.windowStart)
            #expect(!before.expiringSoon)
            #expect(before.nextChange == Self.windowStart)
            #expect(at.expiringSoon)
            #expect(at.nextChange == Self.inTenDays)
            #expect(at.state == .active)
        }
    }
}
