import Foundation
import Spec
import Testing
@testable import StatsSink

struct UsageReportTests {
    @Test func reportsPeriodLifetimeAndTrend() async throws {
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        let utc = try #require(TimeZone(identifier: "UTC"))
        let day: Double = 86_400
        let start = UsagePeriodTests.date("2026-10-28T12:00:00Z")
        // alice: 100 bytes a day from the second scrape on (two days in November); bob: 5 bytes on the last day only.
        for index in 0..<6 {
            var users = ["alice": UserCounters(octetsFromClient: UInt64(index) * 40, octetsToClient: UInt64(index) * 60)]
            if index == 5 { users["bob"] = UserCounters(octetsFromClient: 5, octetsToClient: 0) }
            let snapshot = TelemtSnapshot(scrapedAt: start.addingTimeInterval(Double(index) * day), uptime: 1_000 + Double(index) * day, users: users)
            _ = try await store.record(snapshot, node: "n1")
        }
        let now = start.addingTimeInterval(5 * day + 60)
        let report = try await UsageReport(store: store, reset: .monthly, timeZone: utc, at: now)
        #expect(report.periodStart == UsagePeriodTests.date("2026-11-01T00:00:00Z"))
        #expect(report.rows.map(\.user) == ["alice", "bob"], "most used first")
        #expect(report.rows[0].total == 200 && report.rows[0].lifetime == 500)
        #expect(report.rows[0].trend == [0, 0, 100, 100, 100, 100, 100])
        #expect(report.rows[1].trend == [0, 0, 0, 0, 0, 0, 5])
        let hourly = try await UsageReport(store: store, reset: .daily, timeZone: utc, at: now)
        #expect(hourly.trendStep == "hour" && hourly.rows.map(\.total) == [100, 5])
    }

    @Test(arguments: [(UInt64(0), "0 B"), (1_023, "1023 B"), (1_536, "1.5 KiB"), (5 << 30, "5.0 GiB"), (UInt64.max, "16.0 EiB")])
    func formatsBytes(bytes: UInt64, text: String) {
        #expect(ByteCountFormat.string(bytes) == text)
    }

    @Test func hugeTrendRequestsAreCappedInsteadOfTrapping() async throws {
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        let now = UsagePeriodTests.date("2026-11-02T12:00:00Z")
        _ = try await store.record(TelemtSnapshot(scrapedAt: now, uptime: 5, users: ["a": UserCounters(octetsFromClient: 1, octetsToClient: 2)]), node: "n1")
        let report = try await UsageReport(store: store, reset: .daily, timeZone: try #require(TimeZone(identifier: "UTC")), at: now, trendSteps: .max)
        #expect(report.rows.first?.trend.count == 1_000 && report.rows.first?.trend.last == 3)
    }
}
