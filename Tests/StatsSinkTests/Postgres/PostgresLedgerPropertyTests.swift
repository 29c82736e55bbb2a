import Foundation
import StatsSink
import TestSupport
import Testing
@testable import StatsSinkPostgres

/// The ledger's property test (``LedgerReplay`` over the independent telemt model) against a real
/// PostgreSQL server, alone and with two nodes recording at the same time; and racing recordings
/// of one node, which the lock on its row puts one after the other.
struct PostgresLedgerPropertyTests {
    struct Killed: Error {}

    static let steps = 800

    @Test(arguments: 0..<4)
    func recordedTotalEqualsTheModelsTruth(seed: Int) async throws {
        let server = try PostgresServer()
        let (replay, lifetime) = try await PostgresTesting.withStore(server) { store in
            var replay = LedgerReplay(seed: seed)
            try await replay.run(steps: Self.steps, store: store, killing: Self.killing(store), node: "n1")
            return (replay, try await Self.totals(store, node: nil))
        }
        for (user, expected) in replay.expected {
            #expect(lifetime[user, default: 0] == expected, "user \(user): recorded vs true minus unobservable")
        }
        #expect(replay.expected.values.filter { $0 > 0 }.count > 10)
        #expect(replay.recorded > Self.steps / 2)
    }

    @Test func twoNodesRecordingAtOnceAreEachExactAndSummed() async throws {
        let server = try PostgresServer()
        let (replays, perNode, summed) = try await PostgresTesting.withStore(server) { store in
            let replays = try await withThrowingTaskGroup(of: (String, LedgerReplay).self) { group in
                for (node, seed) in [("eu-1", 100), ("us-1", 101)] {
                    group.addTask {
                        var replay = LedgerReplay(seed: seed)
                        try await replay.run(steps: Self.steps, store: store, killing: Self.killing(store), node: node)
                        return (node, replay)
                    }
                }
                return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }
            let perNode = [
                "eu-1": try await Self.totals(store, node: "eu-1"), "us-1": try await Self.totals(store, node: "us-1"),
            ]
            return (replays, perNode, try await Self.totals(store, node: nil))
        }
        for (node, replay) in replays {
            for (user, expected) in replay.expected {
                #expect(perNode[node]?[user, default: 0] == expected, "\(node) user \(user)")
            }
        }
        for user in replays["eu-1"]?.expected.keys.sorted() ?? [] {
            let expected = replays.values.reduce(0) { $0 + $1.expected[user, default: 0] }
            #expect(summed[user, default: 0] == expected, "user \(user) over both nodes")
        }
    }

    @Test func racingRecordingsOfOneScrapeCountItOnce() async throws {
        let server = try PostgresServer()
        try await PostgresTesting.withStore(server) { store in
            let start = Date(timeIntervalSince1970: 1_772_323_200)
            for step in 1...20 {
                let snapshot = TelemtSnapshot(
                    scrapedAt: start.addingTimeInterval(Double(step) * 60), uptime: Double(step) * 60,
                    users: ["alice": UserCounters(octetsFromClient: UInt64(step) * 1_000, octetsToClient: 0)]
                )
                async let first = store.record(snapshot, node: "eu-1")
                async let second = store.record(snapshot, node: "eu-1")
                let kinds = try await [first.kind, second.kind]
                #expect(kinds.filter { $0 == .duplicate }.count == 1, "step \(step): \(kinds)")
            }
            #expect(try await store.lifetimeUsage().map(\.total) == [20_000])
        }
    }

    private static func killing(_ store: PostgresStatsStore) -> PostgresStatsStore {
        var killing = store
        killing.beforeCommit = { throw Killed() }
        return killing
    }

    private static func totals(_ store: PostgresStatsStore, node: String?) async throws -> [String: UInt64] {
        Dictionary(uniqueKeysWithValues: try await store.usage(in: nil, filter: UsageFilter(node: node)).map { ($0.user, $0.total) })
    }
}
