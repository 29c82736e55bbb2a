import Foundation
import Spec
import StatsSink
import Testing
@testable import Reconciler

extension StateTests {
    @Suite struct PeriodLabelTests {
        static func label(_ reset: ResetPeriod, _ instant: String, _ zone: String = "Europe/Moscow") -> String? {
            let timeZone = StateTests.zone(zone)
            let period = UsagePeriod.containing(StateTests.date(instant), reset: reset, timeZone: timeZone)
            return PeriodLabel.label(of: period, timeZone: timeZone)
        }

        @Test func eachResetKindHasItsLabel() {
            let instant = "2026-11-30T12:00:00+03:00"
            #expect(Self.label(.daily, instant) == "2026-11-30")
            #expect(Self.label(.weekly, instant) == "2026-W49")
            #expect(Self.label(.weekly, "2026-11-29T23:59:59+03:00") == "2026-W48")
            #expect(Self.label(.monthly, instant) == "2026-11")
            #expect(Self.label(.yearly, instant) == "2026")
            #expect(Self.label(.none, instant) == nil)
        }

        @Test func isoWeeksUseTheWeekNumberingYear() {
            #expect(Self.label(.weekly, "2027-01-01T12:00:00Z", "UTC") == "2026-W53")
            #expect(Self.label(.weekly, "2029-12-31T12:00:00Z", "UTC") == "2030-W01")
            #expect(Self.label(.weekly, "2027-01-04T00:00:00Z", "UTC") == "2027-W01")
        }

        @Test func labelsAreReadInTheSpecsZone() {
            // 2026-11-30T22:00Z is already December in Moscow, still November in New York.
            #expect(Self.label(.monthly, "2026-11-30T22:00:00Z") == "2026-12")
            #expect(Self.label(.monthly, "2026-11-30T22:00:00Z", "America/New_York") == "2026-11")
            #expect(Self.label(.daily, "2028-02-29T12:00:00Z", "UTC") == "2028-02-29")
        }

        @Test func phrasesNameTheZoneAsTheSpecGivesIt() {
            let instant = StateTests.date("2026-11-15T12:00:00Z")
            let monthly = UsagePeriod.containing(instant, reset: .monthly, timeZone: StateTests.utc)
            #expect(PeriodLabel.phrase(of: monthly, timeZone: StateTests.utc) == "in 2026-11 (UTC)")
            #expect(PeriodLabel.phrase(of: monthly, timeZone: StateTests.zone("Asia/Kolkata")) == "in 2026-11 (Asia/Kolkata)")
            #expect(PeriodLabel.phrase(of: UsagePeriod(reset: .none, interval: nil), timeZone: StateTests.moscow) == "in total")
            #expect(PeriodLabel.zoneName(StateTests.zone("Etc/UTC")) == "Etc/UTC")
        }
    }
}
