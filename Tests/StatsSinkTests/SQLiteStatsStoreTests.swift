import Foundation
import TestSupport
import Testing
@testable import StatsSink

struct SQLiteStatsStoreTests {
    struct Killed: Error {}
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func snap(_ minutes: Double, _ users: [String: (UInt64, UInt64)], uptime: Double? = nil) -> TelemtSnapshot {
        TelemtSnapshot(
            scrapedAt: t0.addingTimeInterval(minutes * 60), uptime: uptime ?? 10_000 + minutes * 60, version: "3.4.25",
            users: users.mapValues { UserCounters(octetsFromClient: $0.0, octetsToClient: $0.1, connectionsCurrent: 2) }
        )
    }

    @Test func fileStoreUsesWALAndSurvivesReopening() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("stats.sqlite").path
        do {
            let store = try SQLiteStatsStore(path: path)
            _ = try await store.record(snap(0, ["a": (10, 20)]), node: "n1")
            _ = try await store.record(snap(1, ["a": (15, 30)]), node: "n1")
        }
        let reopened = try SQLiteStatsStore(path: path)
        #expect(try await reopened.journalMode() == "wal")
        #expect(try await reopened.lifetimeUsage() == [UserUsage(user: "a", fromClient: 15, toClient: 30)])
        #expect(try await reopened.lastScrape(node: "n1")?.uptime == 10_060)
        #expect(try await reopened.record(snap(1, ["a": (15, 30)]), node: "n1").kind == .duplicate)
    }

    @Test func openingGarbageFileFailsWithContext() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("not-a-db").path
        try Data(repeating: 0x41, count: 4_096).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try SQLiteStatsStore(path: path)
        } throws: { error in
            guard let error = error as? StatsStoreError else { return false }
            return error.path == path && ["open", "migrate"].contains(error.operation) && error.description.contains("check that")
        }
    }

    @Test func failureBeforeCommitRecordsNothing() async throws {
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        _ = try await store.record(snap(0, ["a": (10, 20)]), node: "n1")
        var killing = store
        killing.beforeCommit = { throw Killed() }
        await #expect(throws: StatsStoreError.self) { try await killing.record(snap(1, ["a": (50, 60), "b": (1, 1)]), node: "n1") }
        #expect(try await store.lifetimeUsage().map(\.total) == [30])
        #expect(try await store.lastScrape(node: "n1")?.uptime == 10_000)
        let next = try await store.record(snap(2, ["a": (70, 80), "b": (2, 2)]), node: "n1")
        #expect(next.deltas.map(\.total) == [120, 4], "the next scrape is exact")
        #expect(try await store.systemSamples(node: "n1", in: DateInterval(start: t0, duration: 3_600)).count == 2)
    }

    @Test func nodesAreSeparateAndSummable() async throws {
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        _ = try await store.record(snap(0, ["a": (10, 0)]), node: "n1")
        _ = try await store.record(snap(0, ["a": (5, 0)]), node: "n2")
        #expect(try await store.lifetimeUsage(filter: UsageFilter(node: "n1")).map(\.total) == [10])
        #expect(try await store.lifetimeUsage().map(\.total) == [15])
        #expect(try await store.topUsers(limit: 1, in: nil) == [UserUsage(user: "a", fromClient: 15, toClient: 0)])
    }

    @Test func retentionPrunesRawRowsWithoutChangingTotals() async throws {
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        var random = SeededGenerator(seed: 11)
        var counters: [String: (UInt64, UInt64)] = [:]
        for minute in stride(from: 0.0, to: 3 * 24 * 60, by: 30) {
            for user in ["a", "b", "c"] where Bool.random(using: &random) {
                let old = counters[user] ?? (0, 0)
                counters[user] = (old.0 + .random(in: 0...500, using: &random), old.1 + .random(in: 0...5_000, using: &random))
            }
            _ = try await store.record(snap(minute, counters), node: "n1")
        }
        let before = try await store.lifetimeUsage()
        let dayTwo = DateInterval(start: t0.addingTimeInterval(86_400), duration: 86_400)
        let dayTwoBefore = try await store.usage(in: dayTwo, filter: .all)
        let rows = try await store.rawTrafficRowCount()
        let pruned = try await RetentionPolicy(rawTraffic: 86_400).apply(to: store, now: t0.addingTimeInterval(3 * 86_400)).rawRows
        #expect(pruned > 0 && pruned < rows)
        #expect(try await store.rawTrafficRowCount() == rows - pruned)
        #expect(try await store.lifetimeUsage() == before)
        #expect(try await store.usage(in: dayTwo, filter: .all) == dayTwoBefore)
        #expect(before.map(\.total) == ["a", "b", "c"].map { counters[$0].map { $0.0 + $0.1 } ?? 0 })
    }

    @Test func seriesSplitsByCalendarStep() async throws {
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        _ = try await store.record(snap(0, ["a": (0, 0)]), node: "n1")
        _ = try await store.record(snap(90, ["a": (100, 0)]), node: "n1")
        _ = try await store.record(snap(150, ["a": (150, 50)]), node: "n1")
        let points = try await store.series(UsageFilter(user: "a"), in: DateInterval(start: t0.addingTimeInterval(1_800), duration: 4 * 3_600), step: .hour, timeZone: TimeZone(identifier: "UTC")!)
        #expect(points.count == 5, "t0 is not on an hour, so the first and last steps are partial")
        #expect(points.map(\.total).reduce(0, +) == 200)
    }

    /// Property: the one-pass span query agrees with one usage query per span.
    @Test func spanQueryMatchesPerSpanUsage() async throws {
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        var random = SeededGenerator(seed: 19)
        var counters: [String: (UInt64, UInt64)] = [:]
        for minute in stride(from: 0.0, to: 4 * 24 * 60, by: 45) {
            let user = ["a", "b", "c"].randomElement(using: &random)!
            let old = counters[user] ?? (0, 0)
            counters[user] = (old.0 + .random(in: 1...900, using: &random), old.1 + .random(in: 1...900, using: &random))
            _ = try await store.record(snap(minute, counters), node: "n1")
        }
        for _ in 0..<50 {
            var boundaries = [t0.addingTimeInterval(.random(in: -3_600...86_400, using: &random))]
            for _ in 0..<Int.random(in: 1...8, using: &random) {
                boundaries.append(boundaries.last!.addingTimeInterval(.random(in: 0...40_000, using: &random)))
            }
            let filter = Bool.random(using: &random) ? UsageFilter.all : UsageFilter(user: "b")
            var perSpan: [[UserUsage]] = []
            for (start, end) in zip(boundaries, boundaries.dropFirst()) {
                perSpan.append(try await store.usage(in: DateInterval(start: start, end: end), filter: filter))
            }
            #expect(try await store.usage(between: boundaries, filter: filter) == perSpan)
        }
    }
}
