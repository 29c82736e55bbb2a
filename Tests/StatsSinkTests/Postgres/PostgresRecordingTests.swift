import Foundation
import StatsSink
import TestSupport
import Testing
@testable import StatsSinkPostgres

/// Recording scrapes into a real server: the ledger's kinds, the node's recorder, a kill before
/// commit, and usage summed over nodes.
struct PostgresRecordingTests {
    struct Killed: Error {}

    let start = Date(timeIntervalSince1970: 1_772_323_200)  // 2026-03-01T00:00:00Z

    func snapshot(at offset: Double, uptime: Double, _ users: [String: (UInt64, UInt64)]) -> TelemtSnapshot {
        TelemtSnapshot(
            scrapedAt: start.addingTimeInterval(offset), uptime: uptime,
            users: users.mapValues { UserCounters(octetsFromClient: $0.0, octetsToClient: $0.1, connectionsCurrent: 1) }
        )
    }

    @Test func recordsDeltasAgainstBaselinesAndNothingTwice() async throws {
        let server = try PostgresServer()
        try await PostgresTesting.withStore(server) { store in
            let first = try await store.record(snapshot(at: 0, uptime: 100, ["alice": (10, 20)]), node: "eu-1")
            #expect(first.kind == .first && first.totalBytes == 30)
            let later = snapshot(at: 60, uptime: 160, ["alice": (15, 40), "bob": (1, 2)])
            let second = try await store.record(later, node: "eu-1")
            #expect(second.kind == .continued && second.deltas.map(\.total) == [25, 3])
            #expect(try await store.record(later, node: "eu-1").kind == .duplicate)
            let restarted = try await store.record(snapshot(at: 120, uptime: 5, ["alice": (4, 0)]), node: "eu-1")
            #expect(restarted.kind == .restarted && restarted.totalBytes == 4)
            #expect(try await store.lifetimeUsage().map(\.total) == [59, 3])
            #expect(try await store.lastScrape(node: "eu-1")?.uptime == 5)
            #expect(try await store.lastScrape(node: "us-1") == nil)
            #expect(try await store.nodes() == ["eu-1"])
            #expect(try await store.firstSeen(node: "eu-1") == ["alice": start, "bob": start.addingTimeInterval(60)])
            let samples = try await store.systemSamples(node: "eu-1", in: DateInterval(start: start, duration: 3_600))
            #expect(samples.map(\.kind) == [.first, .continued, .restarted])
        }
    }

    @Test func anotherInstanceIsRefusedUntilItTakesTheNodeOver() async throws {
        let server = try PostgresServer()
        try await PostgresTesting.withStore(server) { store in
            let old = RecorderInstance(id: "0a1b", host: "old-host")
            let new = RecorderInstance(id: "2c3d", host: "new-host")
            _ = try await store.record(snapshot(at: 0, uptime: 100, ["alice": (1, 1)]), node: "eu-1", recorder: old, takeOver: false)
            let error = await #expect(throws: StatsStoreError.self) {
                try await store.record(snapshot(at: 60, uptime: 160, ["alice": (2, 2)]), node: "eu-1", recorder: new, takeOver: false)
            }
            #expect(error?.code == .nodeClaimed && error?.message.contains("instance 0a1b on host old-host") == true)
            let taken = try await store.record(snapshot(at: 60, uptime: 160, ["alice": (2, 2)]), node: "eu-1", recorder: new, takeOver: true)
            #expect(taken.totalBytes == 2)
            #expect(try await store.lastScrape(node: "eu-1")?.recorder == "2c3d new-host")
            await #expect(throws: StatsStoreError.self) {
                try await store.record(snapshot(at: 120, uptime: 220, ["alice": (3, 3)]), node: "eu-1", recorder: old, takeOver: false)
            }
        }
    }

    @Test func aScrapeKilledBeforeCommitLeavesNothingAndTheNextCountsItsBytes() async throws {
        let server = try PostgresServer()
        try await PostgresTesting.withStore(server) { store in
            _ = try await store.record(snapshot(at: 0, uptime: 100, ["alice": (10, 10)]), node: "eu-1")
            var killing = store
            killing.beforeCommit = { throw Killed() }
            await #expect(throws: StatsStoreError.self) {
                try await killing.record(snapshot(at: 60, uptime: 160, ["alice": (20, 20), "bob": (5, 5)]), node: "eu-1")
            }
            #expect(try await store.lifetimeUsage().map(\.total) == [20])
            #expect(try await store.lastScrape(node: "eu-1")?.uptime == 100)
            let next = try await store.record(snapshot(at: 120, uptime: 220, ["alice": (30, 30), "bob": (6, 6)]), node: "eu-1")
            #expect(next.deltas.map(\.total) == [40, 12])
        }
    }

    @Test func usageIsSummedOverNodesPerPeriod() async throws {
        let server = try PostgresServer()
        try await PostgresTesting.withStore(server) { store in
            _ = try await store.record(snapshot(at: 0, uptime: 100, ["alice": (100, 0)]), node: "eu-1")
            _ = try await store.record(snapshot(at: 30, uptime: 50, ["alice": (0, 7), "bob": (1, 0)]), node: "us-1")
            _ = try await store.record(snapshot(at: 86_400 * 2, uptime: 86_500, ["alice": (150, 0)]), node: "eu-1")
            let march = try await store.usage(period: .monthly, timeZone: TimeZone(identifier: "UTC")!, at: start.addingTimeInterval(3_600))
            #expect(march.map(\.total) == [157, 1])
            let firstDay = try await store.usage(in: DateInterval(start: start, duration: 86_400), filter: .all)
            #expect(firstDay.map(\.total) == [107, 1])
            let euOnly = try await store.usage(in: nil, filter: UsageFilter(node: "eu-1"))
            #expect(euOnly.map(\.user) == ["alice"] && euOnly.map(\.total) == [150])
            let days = try await store.usage(between: [start, start.addingTimeInterval(86_400), start.addingTimeInterval(86_400 * 3)], filter: .all)
            #expect(days.map { $0.map(\.total) } == [[107, 1], [50]])
        }
    }
}
