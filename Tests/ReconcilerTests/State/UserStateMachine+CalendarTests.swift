import Foundation
import Spec
import Testing
@testable import Reconciler

extension StateTests {
    /// Periods and next changes across daylight saving time, month ends and odd offsets.
    @Suite struct UserStateMachineCalendarTests {
        static let limit = DataLimit.bytes(10 * StateTests.gib)

        static func evaluate(_ reset: ResetPeriod, zone: String, at instant: String, used: UInt64 = 0) -> UserEvaluation {
            let user = UserSpec(name: "alice", dataLimit: limit, reset: reset)
            return UserStateMachine().evaluate(
                user, observation: UserObservation(periodUsage: used), timeZone: StateTests.zone(zone), now: StateTests.date(instant)
            )
        }

        static func hours(_ interval: DateInterval?) -> Double? {
            interval.map { $0.duration / 3_600 }
        }

        @Test func berlinSpringDayHas23HoursAndAutumnDay25() {
            let spring = Self.evaluate(.daily, zone: "Europe/Berlin", at: "2026-03-29T10:00:00+02:00")
            #expect(spring.period?.start == StateTests.date("2026-03-29T00:00:00+01:00"))
            #expect(Self.hours(spring.period) == 23)
            #expect(spring.nextChange == StateTests.date("2026-03-30T00:00:00+02:00"))
            let autumn = Self.evaluate(.daily, zone: "Europe/Berlin", at: "2026-10-25T02:30:00+01:00")
            #expect(autumn.period?.start == StateTests.date("2026-10-25T00:00:00+02:00"))
            #expect(Self.hours(autumn.period) == 25)
            #expect(autumn.nextChange == StateTests.date("2026-10-26T00:00:00+01:00"))
            #expect(autumn.reason == "used 0 B of 10 GiB in 2026-10-25 (Europe/Berlin)")
        }

        @Test func aMonthAcrossTheOctoberChangeEndsAtLocalMidnight() {
            let october = Self.evaluate(.monthly, zone: "Europe/Berlin", at: "2026-10-31T23:30:00+01:00")
            #expect(october.period == DateInterval(
                start: StateTests.date("2026-10-01T00:00:00+02:00"), end: StateTests.date("2026-11-01T00:00:00+01:00")
            ))
            #expect(Self.hours(october.period) == Double(31 * 24 + 1))
            #expect(october.reason == "used 0 B of 10 GiB in 2026-10 (Europe/Berlin)")
        }

        @Test func newYorkFallsBackInNovember() {
            let day = Self.evaluate(.daily, zone: "America/New_York", at: "2026-11-01T12:00:00-05:00")
            #expect(Self.hours(day.period) == 25)
            let month = Self.evaluate(.monthly, zone: "America/New_York", at: "2026-11-15T12:00:00-05:00")
            #expect(month.period?.start == StateTests.date("2026-11-01T04:00:00Z"))
            #expect(month.nextChange == StateTests.date("2026-12-01T05:00:00Z"))
            let week = Self.evaluate(.weekly, zone: "America/New_York", at: "2026-11-01T12:00:00-05:00")
            #expect(week.period?.start == StateTests.date("2026-10-26T00:00:00-04:00"))
            #expect(week.period?.end == StateTests.date("2026-11-02T00:00:00-05:00"))
            #expect(Self.hours(week.period) == Double(7 * 24 + 1))
            #expect(week.reason == "used 0 B of 10 GiB in 2026-W44 (America/New_York)")
        }

        @Test(arguments: [
            ("2027-01-31T12:00:00Z", "2027-02-01T00:00:00Z", 31.0),
            ("2028-02-29T12:00:00Z", "2028-03-01T00:00:00Z", 29.0),
            ("2027-02-28T23:59:59Z", "2027-03-01T00:00:00Z", 28.0),
            ("2026-12-31T23:59:59Z", "2027-01-01T00:00:00Z", 31.0),
        ])
        func monthsEndOnTheirLastDay(instant: String, end: String, days: Double) {
            let month = Self.evaluate(.monthly, zone: "UTC", at: instant)
            #expect(month.nextChange == StateTests.date(end))
            #expect(month.period.map { $0.duration / 86_400 } == days)
        }

        @Test func aLeapDayIsItsOwnDailyPeriod() {
            let day = Self.evaluate(.daily, zone: "UTC", at: "2028-02-29T23:59:59Z")
            #expect(day.reason == "used 0 B of 10 GiB in 2028-02-29 (UTC)")
            #expect(day.nextChange == StateTests.date("2028-03-01T00:00:00Z"))
            #expect(Self.evaluate(.yearly, zone: "UTC", at: "2028-06-01T00:00:00Z").period.map { $0.duration / 86_400 } == 366)
        }

        @Test func kolkataMonthTurnsAtHalfPastSixUTC() {
            let before = Self.evaluate(.monthly, zone: "Asia/Kolkata", at: "2026-11-30T18:29:59Z", used: 10 * StateTests.gib)
            #expect(before.state == .limited)
            #expect(before.reason == "used 10.0 GiB of 10 GiB in 2026-11 (Asia/Kolkata)")
            #expect(before.nextChange == StateTests.date("2026-11-30T18:30:00Z"))
            let at = Self.evaluate(.monthly, zone: "Asia/Kolkata", at: "2026-11-30T18:30:00Z")
            #expect(at.state == .active)
            #expect(at.period?.start == StateTests.date("2026-12-01T00:00:00+05:30"))
            #expect(at.reason == "used 0 B of 10 GiB in 2026-12 (Asia/Kolkata)")
        }

        @Test func aLimitedUserIsActiveExactlyAtThePeriodEnd() throws {
            let machine = UserStateMachine()
            let limited = Self.evaluate(.daily, zone: "Europe/Moscow", at: "2026-11-30T23:59:59+03:00", used: 11 * StateTests.gib)
            let end = try #require(limited.nextChange)
            #expect(limited.state == .limited)
            #expect(end == StateTests.date("2026-12-01T00:00:00+03:00"))
            let rolled = Self.evaluate(.daily, zone: "Europe/Moscow", at: "2026-12-01T00:00:00+03:00")
            #expect(rolled.state == .active)
            #expect(rolled.period?.start == end)
            #expect(machine.events(from: limited, to: rolled) == [
                .transition(user: "alice", from: .limited, to: .active, reason: "used 0 B of 10 GiB in 2026-12-01 (Europe/Moscow)"),
            ])
        }
    }
}
