import Foundation
import Testing
@testable import StatsSink

/// The first connection per node and user: set by the first scrape that shows traffic or a
/// connection, never moved afterwards, and rolled back with a scrape that is not committed.
struct SQLiteStatsStoreFirstSeenTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func snapshot(_ minutes: Double, _ users: [String: (bytes: UInt64, connections: UInt64)], node uptime: Double = 5_000) -> TelemtSnapshot {
        TelemtSnapshot(
            scrapedAt: t0.addingTimeInterval(minutes * 60), uptime: uptime + minutes * 60,
            users: users.mapValues { UserCounters(octetsFromClient: $0.bytes, octetsToClient: 0, connectionsCurrent: $0.connections) }
        )
    }

    @Test func theFirstTrafficOrConnectionIsKeptPerNode() async throws {
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        _ = try await store.record(snapshot(0, ["idle": (0, 0), "talker": (10, 0)]), node: "n1")
        _ = try await store.record(snapshot(1, ["idle": (0, 1), "talker": (20, 0)]), node: "n1")
        _ = try await store.record(snapshot(2, ["idle": (5, 1), "talker": (30, 0)]), node: "n1")
        _ = try await store.record(snapshot(3, ["idle": (9, 0)], node: 100), node: "n2")
        #expect(try await store.firstSeen(node: "n1") == ["talker": t0, "idle": t0.addingTimeInterval(60)])
        #expect(try await store.firstSeen(node: "n2") == ["idle": t0.addingTimeInterval(180)])
        #expect(try await store.firstSeen(node: nil) == ["talker": t0, "idle": t0.addingTimeInterval(60)])
    }

    @Test func aScrapeThatIsNotCommittedSetsNothing() async throws {
        var store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        struct Killed: Error {}
        store.beforeCommit = { throw Killed() }
        await #expect(throws: StatsStoreError.self) { try await store.record(snapshot(0, ["a": (10, 1)]), node: "n1") }
        store.beforeCommit = nil
        #expect(try await store.firstSeen(node: "n1").isEmpty)
    }
}
