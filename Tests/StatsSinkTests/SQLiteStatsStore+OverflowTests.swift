import Foundation
import GRDB
import Spec
import TestSupport
import Testing
@testable import StatsSink

/// Deltas near 2⁶³ and 2⁶⁴: no trap, no REAL in SQLite, totals saturate at 8 EiB (`Int64.max`).
struct SQLiteStatsStoreOverflowTests {
    let t0 = UsagePeriodTests.date("2026-07-15T11:50:00Z")
    static let ceiling = UInt64(Int64.max)

    @Test(arguments: [UInt64(1) << 63, UInt64(Int64.max), UInt64(Int64.max) + 2, UInt64.max, UInt64.max - 1])
    func hugeDeltasSaturateEverywhereAndStayIntegers(huge: UInt64) async throws {
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        for scrape in 0..<4 {
            let at = t0.addingTimeInterval(Double(scrape) * 400)
            try store.recordDeltas([
                TrafficDelta(user: "big", fromClient: huge, toClient: huge / 2, unsplit: huge),
                TrafficDelta(user: "small", fromClient: 10, toClient: 20, unsplit: 30),
            ], at: at, node: scrape % 2 == 0 ? "n1" : "n2")
        }
        #expect(try store.nonIntegerTrafficValues() == 0)
        // Four scrapes of at least 2⁶² − 1 bytes per component exceed 8 EiB in every component.
        let big = UserUsage(user: "big", fromClient: Self.ceiling, toClient: Self.ceiling, unsplit: Self.ceiling)
        let small = UserUsage(user: "small", fromClient: 40, toClient: 80, unsplit: 120)
        #expect(try await store.lifetimeUsage() == [big, small])
        #expect(try await store.lifetimeUsage(filter: UsageFilter(node: "n1")).first?.fromClient == Self.ceiling)
        let utc = try #require(TimeZone(identifier: "UTC"))
        for reset in [ResetPeriod.daily, .weekly, .monthly, .yearly] {
            #expect(try await store.usage(period: reset, timeZone: utc, at: t0) == [big, small], "\(reset)")
        }
        let report = try await UsageReport(store: store, reset: .monthly, timeZone: utc, at: t0.addingTimeInterval(3_600))
        #expect(report.rows.map(\.user) == ["big", "small"])
        #expect(report.rows[0].total == big.total && report.rows[0].lifetime == big.total && report.rows[0].trend.last == big.total)
    }

    /// Property: several users and nodes with random deltas, some near 2⁶³ and 2⁶⁴, over a few
    /// days: every span equals the reference sum of its deltas, saturated per component at 8 EiB.
    @Test func randomHugeAndSmallDeltasMatchSaturatedReference() async throws {
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        var random = SeededGenerator(seed: 83)
        var recorded: [(quarter: Int64, delta: TrafficDelta)] = []
        let values: [ClosedRange<UInt64>] = [0...1_000, (1 << 62)...(1 << 63) + 5, (UInt64.max - 10)...UInt64.max]
        for scrape in 0..<120 {
            let at = t0.addingTimeInterval(Double(scrape) * 2_000)
            let deltas = ["a", "b", "c", "d"].filter { _ in Bool.random(using: &random) }.map { user in
                let range = { user == "a" ? values[0] : values.randomElement(using: &random)! }
                return TrafficDelta(
                    user: user, fromClient: .random(in: range(), using: &random), toClient: .random(in: range(), using: &random),
                    unsplit: .random(in: range(), using: &random)
                )
            }
            try store.recordDeltas(deltas, at: at, node: ["n1", "n2"].randomElement(using: &random)!)
            recorded += deltas.map { (TimeBuckets.quarterStart(of: at), $0) }
        }
        #expect(try store.nonIntegerTrafficValues() == 0)
        for _ in 0..<40 {
            var boundaries = [t0.addingTimeInterval(.random(in: -3_600...86_400, using: &random))]
            for _ in 0..<Int.random(in: 1...5, using: &random) {
                boundaries.append(boundaries.last!.addingTimeInterval(.random(in: 0...120_000, using: &random)))
            }
            let edges = boundaries.map(TimeBuckets.quarterBoundary)
            let expected = (0..<edges.count - 1).map { span in
                Self.saturatedSums(recorded.filter { $0.quarter >= edges[span] && $0.quarter < edges[span + 1] }.map(\.delta))
            }
            #expect(try await store.usage(between: boundaries, filter: .all) == expected)
        }
        #expect(try await store.lifetimeUsage() == Self.saturatedSums(recorded.map(\.delta)))
    }

    /// Per user, each component summed exactly and then clamped to 8 EiB; users with nothing omitted.
    static func saturatedSums(_ deltas: [TrafficDelta]) -> [UserUsage] {
        Dictionary(grouping: deltas, by: \.user).compactMap { user, deltas -> UserUsage? in
            func sum(_ component: (TrafficDelta) -> UInt64) -> UInt64 {
                var wide = WideSum()
                for delta in deltas { wide.add(Int64(clamping: component(delta))) }
                return wide.value
            }
            let usage = UserUsage(user: user, fromClient: sum(\.fromClient), toClient: sum(\.toClient), unsplit: sum(\.unsplit))
            return usage.total == 0 ? nil : usage
        }.sorted { $0.user < $1.user }
    }

    /// A v2 store whose totals overflowed into REAL (what `from_client + excluded.from_client` did)
    /// is repaired by migration v3: integers saturated at 8 EiB, readable again, hourly history kept.
    @Test func migrationV3RepairsRealTotalsAndKeepsHourlyHistory() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("v2.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try SQLiteStatsStore.migrator.migrate(queue, upTo: "v2: per-user lifetime totals")
        try await queue.write { db in
            try db.execute(sql: """
                INSERT INTO traffic_hourly VALUES (1800003600, 'n1', 'big', 1.8446744073709552e19, 5), (1800003600, 'n1', 'ok', 7, 8);
                INSERT INTO traffic_daily VALUES (1799971200, 'n1', 'big', 1.8446744073709552e19, 5), (1799971200, 'n1', 'ok', 7, 8);
                INSERT INTO traffic_total VALUES ('n1', 'big', 1.8446744073709552e19, 5), ('n1', 'ok', 7, 8);
                """)
        }
        try queue.close()
        let store = try SQLiteStatsStore(path: path)
        #expect(try store.nonIntegerTrafficValues() == 0)
        let big = UserUsage(user: "big", fromClient: Self.ceiling, toClient: 5)
        let ok = UserUsage(user: "ok", fromClient: 7, toClient: 8)
        #expect(try await store.lifetimeUsage() == [big, ok])
        let hour = DateInterval(start: Date(timeIntervalSince1970: 1_800_003_600), duration: 3_600)
        #expect(try await store.usage(in: hour, filter: .all) == [big, ok])
        #expect(try await store.rowCount(.hourly) == 2)
        #expect(try await store.rowCount(.quarter) == 0)
    }
}
