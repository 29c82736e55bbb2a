import Foundation
import Spec
import Testing
@testable import Reconciler

extension StateTests {
    /// The exact texts of reasons, as the status file and `plan` print them.
    @Suite struct UserReasonTests {
        static let now = StateTests.date("2026-11-15T12:00:00+03:00")
        static let fifty = DataLimit.bytes(50 * StateTests.gib)

        static func reason(
            _ user: UserSpec, used: UInt64 = 0, first: Date? = nil, zone: TimeZone = StateTests.moscow, at now: Date = now
        ) -> String {
            let observation = UserObservation(periodUsage: used, firstConnection: first)
            return UserStateMachine().evaluate(user, observation: observation, timeZone: zone, now: now).reason
        }

        @Test func limitedNamesUsageLimitPeriodAndZone() {
            let user = UserSpec(name: "alice", dataLimit: Self.fifty, reset: .monthly)
            #expect(Self.reason(user, used: StateTests.gib(50.2)) == "used 50.2 GiB of 50 GiB in 2026-11 (Europe/Moscow)")
            #expect(Self.reason(user, used: 50 * StateTests.gib) == "used 50.0 GiB of 50 GiB in 2026-11 (Europe/Moscow)")
            let lifetime = UserSpec(name: "alice", dataLimit: .bytes(1_500_000_000))
            #expect(Self.reason(lifetime, used: 2 * StateTests.gib) == "used 2.0 GiB of 1.5 GB in total")
            let zero = UserSpec(name: "alice", dataLimit: .bytes(0), reset: .daily)
            #expect(Self.reason(zero) == "used 0 B of 0 B in 2026-11-15 (Europe/Moscow)")
        }

        @Test func activeNamesUsageAndTheExpiry() {
            let user = UserSpec(name: "alice", dataLimit: Self.fifty, reset: .monthly)
            #expect(Self.reason(user, used: StateTests.gib(1.2)) == "used 1.2 GiB of 50 GiB in 2026-11 (Europe/Moscow)")
            let weekly = UserSpec(name: "alice", dataLimit: Self.fifty, reset: .weekly)
            #expect(Self.reason(weekly, used: 512) == "used 512 B of 50 GiB in 2026-W46 (Europe/Moscow)")
            let yearly = UserSpec(name: "alice", reset: .yearly, expire: StateTests.date("2027-01-01T23:59:59+03:00"))
            #expect(Self.reason(yearly, used: StateTests.gib(1.2))
                == "unlimited, used 1.2 GiB in 2026 (Europe/Moscow), expires 2027-01-01 23:59:59 +03:00")
            #expect(Self.reason(UserSpec(name: "alice")) == "unlimited, used 0 B in total")
        }

        @Test func utcIsCalledUTC() {
            let user = UserSpec(name: "alice", dataLimit: Self.fifty, reset: .monthly)
            #expect(Self.reason(user, used: StateTests.gib(1.2), zone: StateTests.utc) == "used 1.2 GiB of 50 GiB in 2026-11 (UTC)")
        }

        @Test func expiredShowsTheInstantInTheSpecsZone() {
            let user = UserSpec(name: "alice", expire: StateTests.date("2026-11-30T20:59:59Z"))
            let later = StateTests.date("2026-12-01T00:00:00Z")
            #expect(Self.reason(user, at: later) == "expired 2026-11-30 23:59:59 +03:00")
            #expect(Self.reason(user, zone: StateTests.zone("Asia/Kolkata"), at: later) == "expired 2026-12-01 02:29:59 +05:30")
            #expect(Self.reason(user, zone: StateTests.zone("America/New_York"), at: later) == "expired 2026-11-30 15:59:59 -05:00")
        }

        @Test func expiredByTheHoldSaysSo() {
            let first = StateTests.date("2026-10-03T11:20:00Z")
            let user = UserSpec(name: "erin", onHold: StateTests.thirtyDays)
            #expect(Self.reason(user, first: first) == "expired 2026-11-02 14:20:00 +03:00, 30d after the first connection")
            let hours = UserSpec(name: "erin", onHold: SpecDuration(seconds: 36 * 3_600))
            #expect(Self.reason(hours, first: first) == "expired 2026-10-05 02:20:00 +03:00, 36h after the first connection")
        }

        @Test func disabledAndOnHoldHaveFixedTexts() {
            #expect(Self.reason(UserSpec(name: "bob", dataLimit: .bytes(0), disabled: true)) == "disabled in the spec")
            #expect(Self.reason(UserSpec(name: "erin", onHold: StateTests.thirtyDays)) == "on hold: 30d from the first connection")
            #expect(Self.reason(UserSpec(name: "erin", onHold: SpecDuration(seconds: 14 * 86_400))) == "on hold: 14d from the first connection")
            #expect(Self.reason(UserSpec(name: "erin", onHold: SpecDuration(seconds: 90 * 60))) == "on hold: 90m from the first connection")
            #expect(Self.reason(UserSpec(name: "erin", onHold: SpecDuration(seconds: 45))) == "on hold: 45s from the first connection")
        }
    }
}
