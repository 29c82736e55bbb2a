import Foundation
import Spec
import TestSupport
import Testing
@testable import StatsSink

struct UsagePeriodTests {
    static func date(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    /// Records one scrape every `step` seconds over `span`, each adding a different number of
    /// bytes; returns each scrape's instant and bytes.
    static func recordSteadyTraffic(_ store: SQLiteStatsStore, from start: Date, hours: Double, step: Double) async throws -> [(Date, UInt64)] {
        var counter: UInt64 = 0
        var added: [(Date, UInt64)] = []
        var random = SeededGenerator(seed: 42)
        for index in 0...Int(hours * 3_600 / step) {
            let at = start.addingTimeInterval(Double(index) * step)
            let bytes = index == 0 ? 0 : UInt64.random(in: 1...1_000_000, using: &random)
            counter += bytes
            let snapshot = TelemtSnapshot(
                scrapedAt: at, uptime: 100_000 + Double(index) * step,
                users: ["alice": UserCounters(octetsFromClient: counter, octetsToClient: 0)]
            )
            #expect(try await store.record(snapshot, node: "n1").totalBytes == bytes)
            added.append((at, bytes))
        }
        return added
    }

    @Test func moscowMonthRolloverCountsEachByteOnce() async throws {
        let moscow = try #require(TimeZone(identifier: "Europe/Moscow"))
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        let added = try await Self.recordSteadyTraffic(store, from: Self.date("2026-03-31T18:00:00Z"), hours: 6, step: 600)
        let boundary = Self.date("2026-03-31T21:00:00Z")  // 2026-04-01 00:00 in Moscow
        let march = try await store.usage(period: .monthly, timeZone: moscow, at: Self.date("2026-03-31T20:59:59Z"))
        let april = try await store.usage(period: .monthly, timeZone: moscow, at: boundary)
        #expect(UsagePeriod.containing(boundary, reset: .monthly, timeZone: moscow).interval?.start == boundary)
        #expect(march.first?.total == added.filter { $0.0 < boundary }.reduce(0) { $0 + $1.1 })
        #expect(april.first?.total == added.filter { $0.0 >= boundary }.reduce(0) { $0 + $1.1 })
        #expect((march.first?.total ?? 0) + (april.first?.total ?? 0) == added.reduce(0) { $0 + $1.1 })
    }


    /// Zones with half-hour and 45-minute offsets: the month boundary is at the exact instant, so
    /// a scrape one second before it counts in March and one at it in April.
    @Test(arguments: [
        ("Asia/Kolkata", "2026-03-31T18:30:00Z", 0.0),
        ("Asia/Kolkata", "2026-03-31T18:30:00Z", 1.0),
        ("Asia/Kathmandu", "2026-03-31T18:15:00Z", 0.0),
        ("Asia/Kathmandu", "2026-03-31T18:15:00Z", 1.0),
    ])
    func offsetZoneMonthRolloverIsAtTheExactInstant(zone: String, boundary: String, early: Double) async throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        let boundary = Self.date(boundary)
        let added = try await Self.recordSteadyTraffic(store, from: boundary.addingTimeInterval(-10_800 - early), hours: 6, step: 60)
        #expect(added.contains { $0.0 == boundary.addingTimeInterval(-early) })
        #expect(UsagePeriod.containing(boundary, reset: .monthly, timeZone: timeZone).interval?.start == boundary)
        let march = try await store.usage(period: .monthly, timeZone: timeZone, at: boundary.addingTimeInterval(-1))
        let april = try await store.usage(period: .monthly, timeZone: timeZone, at: boundary)
        #expect(march.first?.total == added.filter { $0.0 < boundary }.reduce(0) { $0 + $1.1 })
        #expect(april.first?.total == added.filter { $0.0 >= boundary }.reduce(0) { $0 + $1.1 })
        #expect((march.first?.total ?? 0) + (april.first?.total ?? 0) == added.reduce(0) { $0 + $1.1 })
    }

    @Test(arguments: [
        ("Europe/Berlin", "2026-03-28T20:00:00Z", "2026-03-28T23:00:00Z", 23.0),  // spring forward: a 23-hour day
        ("Europe/Berlin", "2026-10-24T20:00:00Z", "2026-10-24T22:00:00Z", 25.0),  // fall back: a 25-hour day
        ("Australia/Adelaide", "2026-04-04T10:00:00Z", "2026-04-04T13:30:00Z", 25.0),  // +10:30 → +09:30
        ("Australia/Adelaide", "2026-10-03T11:00:00Z", "2026-10-03T14:30:00Z", 23.0),  // +09:30 → +10:30
    ])
    func dstDaysCountEachByteOnceAtTheExactInstant(zone: String, start: String, dayStart: String, hours: Double) async throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        let added = try await Self.recordSteadyTraffic(store, from: Self.date(start), hours: 54, step: 300)
        let day = try #require(UsagePeriod.containing(Self.date(dayStart), reset: .daily, timeZone: timeZone).interval)
        #expect(day.start == Self.date(dayStart) && day.duration == hours * 3_600)
        var covered: UInt64 = 0
        var period = UsagePeriod.containing(Self.date(start), reset: .daily, timeZone: timeZone)
        while let interval = period.interval, interval.start <= added.last!.0 {
            let expected = added.filter { interval.contains($0.0) && $0.0 < interval.end }.reduce(0) { $0 + $1.1 }
            let used = try await store.usage(in: interval, filter: UsageFilter(user: "alice")).first?.total ?? 0
            #expect(used == expected, "day starting \(interval.start)")
            covered += used
            period = try #require(period.next(timeZone: timeZone))
        }
        #expect(covered == added.reduce(0) { $0 + $1.1 })
    }

    @Test func weeksStartOnMondayAndNoneIsLifetime() async throws {
        let utc = try #require(TimeZone(identifier: "UTC"))
        let week = try #require(UsagePeriod.containing(Self.date("2026-11-22T12:00:00Z"), reset: .weekly, timeZone: utc).interval)
        #expect(week.start == Self.date("2026-11-16T00:00:00Z"))
        #expect(week.duration == 7 * 86_400)
        #expect(UsagePeriod.containing(Date(), reset: .none, timeZone: utc).interval == nil)
        let year = try #require(UsagePeriod.containing(Self.date("2026-06-01T00:00:00Z"), reset: .yearly, timeZone: utc).interval)
        #expect(year.start == Self.date("2026-01-01T00:00:00Z") && year.end == Self.date("2027-01-01T00:00:00Z"))
    }

    /// Dates near Double's limits, 1e19 seconds or NaN (a broken clock, a corrupt argument) answer
    /// without trapping.
    @Test(arguments: [1e19, -1e19, 9.3e18, Double.greatestFiniteMagnitude, -.greatestFiniteMagnitude, .infinity, .nan])
    func extremeDatesAnswerWithoutTrapping(seconds: Double) async throws {
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        _ = try await store.record(TelemtSnapshot(scrapedAt: Self.date("2026-03-31T18:00:00Z"), uptime: 10, users: ["a": UserCounters(octetsFromClient: 5, octetsToClient: 6)]), node: "n1")
        let date = Date(timeIntervalSince1970: seconds)
        let kolkata = try #require(TimeZone(identifier: "Asia/Kolkata"))
        for reset in [ResetPeriod.daily, .weekly, .monthly, .yearly] {
            let usage = try await store.usage(period: reset, timeZone: kolkata, at: date)
            #expect(usage.isEmpty || usage == [UserUsage(user: "a", fromClient: 5, toClient: 6)])
            _ = UsagePeriod.containing(date, reset: reset, timeZone: kolkata).next(timeZone: kolkata)
        }
        let report = try await UsageReport(store: store, reset: .monthly, timeZone: kolkata, at: date)
        #expect(report.rows.allSatisfy { $0.lifetime == 11 })
        #expect(try await store.usage(between: [Date(timeIntervalSince1970: 0), date], filter: .all).count == 1)
        #expect(try await store.prune(RetentionPolicy().cutoffs(now: date)).rawRows <= 1)
    }
}
