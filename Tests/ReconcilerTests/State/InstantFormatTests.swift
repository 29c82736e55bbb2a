import Foundation
import Testing
@testable import Reconciler

extension StateTests {
    @Suite struct InstantFormatTests {
        @Test(arguments: [
            ("2026-11-30T20:59:59Z", "Europe/Moscow", "2026-11-30 23:59:59 +03:00"),
            ("2026-11-30T23:59:59Z", "UTC", "2026-11-30 23:59:59 +00:00"),
            ("2026-11-30T18:29:59Z", "Asia/Kolkata", "2026-11-30 23:59:59 +05:30"),
            ("2027-01-02T04:59:59Z", "America/New_York", "2027-01-01 23:59:59 -05:00"),
            ("2026-07-02T03:59:59Z", "America/New_York", "2026-07-01 23:59:59 -04:00"),
            ("2026-03-29T00:59:59Z", "Europe/Berlin", "2026-03-29 01:59:59 +01:00"),
            ("2026-03-29T01:00:00Z", "Europe/Berlin", "2026-03-29 03:00:00 +02:00"),
            ("2026-10-25T00:30:00Z", "Europe/Berlin", "2026-10-25 02:30:00 +02:00"),
            ("2026-10-25T01:30:00Z", "Europe/Berlin", "2026-10-25 02:30:00 +01:00"),
        ])
        func instantsPrintInTheZoneWithTheirOffset(instant: String, zone: String, text: String) {
            #expect(InstantFormat.string(StateTests.date(instant), timeZone: StateTests.zone(zone)) == text)
        }

        @Test func fractionsOfASecondAreDropped() {
            let instant = StateTests.date("2026-11-30T20:59:59Z").addingTimeInterval(0.999)
            #expect(InstantFormat.string(instant, timeZone: StateTests.moscow) == "2026-11-30 23:59:59 +03:00")
        }
    }
}
