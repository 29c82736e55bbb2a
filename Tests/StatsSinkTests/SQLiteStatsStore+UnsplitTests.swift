import Foundation
import Spec
import TestSupport
import Testing
@testable import StatsSink

/// Unsplit bytes (telemt's API `total_octets`, no direction) are stored and answered end to end.
struct SQLiteStatsStoreUnsplitTests {
    let t0 = UsagePeriodTests.date("2026-05-30T10:07:00Z")

    /// Random deltas with all three components over four days; returns them with their instants.
    func recordHistory(_ store: SQLiteStatsStore, seed: UInt64) throws -> [(at: Date, delta: TrafficDelta)] {
        var random = SeededGenerator(seed: seed)
        var recorded: [(Date, TrafficDelta)] = []
        var at = t0
        while at < t0.addingTimeInterval(4 * 86_400) {
            at.addTimeInterval(.random(in: 60...5_400, using: &random))
            let deltas = ["api-user", "both", "metrics-user"].compactMap { user -> TrafficDelta? in
                guard Bool.random(using: &random) else { return nil }
                let split = user != "api-user"
                return TrafficDelta(
                    user: user, fromClient: split ? .random(in: 0...9_000, using: &random) : 0,
                    toClient: split ? .random(in: 0...90_000, using: &random) : 0,
                    unsplit: user != "metrics-user" ? .random(in: 1...50_000, using: &random) : 0
                )
            }
            try store.recordDeltas(deltas, at: at)
            recorded += deltas.map { (at, $0) }
        }
        return recorded
    }

    /// The recorded deltas whose instant's quarter hour starts in `span` (boundaries rounded up to quarter hours).
    func expected(_ recorded: [(at: Date, delta: TrafficDelta)], in span: DateInterval?) -> [UserUsage] {
        let inside = recorded.filter { entry in
            guard let span else { return true }
            let quarter = TimeBuckets.quarterStart(of: entry.at)
            return quarter >= TimeBuckets.quarterBoundary(span.start) && quarter < TimeBuckets.quarterBoundary(span.end)
        }
        return Dictionary(grouping: inside.map(\.delta), by: \.user).map { $0.value.summed(as: $0.key) }.sorted { $0.user < $1.user }
    }

    @Test func unsplitBytesComeBackInEveryPeriodLifetimeAndTrend() async throws {
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        let recorded = try recordHistory(store, seed: 71)
        #expect(recorded.contains { $0.delta.unsplit > 0 && $0.delta.fromClient == 0 })
        #expect(try await store.lifetimeUsage() == expected(recorded, in: nil))
        let kolkata = try #require(TimeZone(identifier: "Asia/Kolkata"))
        for reset in [ResetPeriod.daily, .weekly, .monthly] {
            for offset in stride(from: 0.0, to: 4 * 86_400, by: 20_000) {
                let now = t0.addingTimeInterval(offset)
                let period = UsagePeriod.containing(now, reset: reset, timeZone: kolkata).interval
                #expect(try await store.usage(period: reset, timeZone: kolkata, at: now) == expected(recorded, in: period), "\(reset) at \(now)")
            }
        }
        let now = t0.addingTimeInterval(4 * 86_400)
        let report = try await UsageReport(store: store, reset: .monthly, timeZone: kolkata, at: now)
        let calendar = UsagePeriod.calendar(kolkata)
        let today = try #require(calendar.dateInterval(of: .day, for: now))
        for row in report.rows {
            let days = (0..<7).reversed().map { back in
                DateInterval(start: calendar.date(byAdding: .day, value: -back, to: today.start)!, end: calendar.date(byAdding: .day, value: 1 - back, to: today.start)!)
            }
            let trend = days.map { day in expected(recorded, in: day).first { $0.user == row.user }?.total ?? 0 }
            #expect(row.trend == trend, "trend of \(row.user)")
            #expect(row.total == row.fromClient + row.toClient + row.unsplit)
            #expect(row.lifetime == expected(recorded, in: nil).first { $0.user == row.user }?.total)
        }
        #expect(report.rows.first { $0.user == "api-user" }.map { $0.unsplit > 0 && $0.fromClient == 0 } == true)
    }

    @Test func seriesAndRecordResultCountUnsplitBytes() async throws {
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        let recorded = try recordHistory(store, seed: 73)
        let utc = try #require(TimeZone(identifier: "UTC"))
        let window = DateInterval(start: t0.addingTimeInterval(-86_400), end: recorded.last!.at.addingTimeInterval(1))
        let points = try await store.series(.all, in: window, step: .day, timeZone: utc)
        #expect(points.map(\.unsplit).reduce(0, +) == recorded.map(\.delta.unsplit).reduce(0, +))
        #expect(points.map(\.total).reduce(0, +) == recorded.map(\.delta.total).reduce(0, +))
        let result = RecordResult(kind: .continued, deltas: recorded.prefix(5).map(\.delta), users: 3)
        #expect(result.totalBytes == recorded.prefix(5).map(\.delta.total).reduce(0, +))
    }
}
