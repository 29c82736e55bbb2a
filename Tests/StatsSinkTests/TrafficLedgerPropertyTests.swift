import Foundation
import TestSupport
import Testing
@testable import StatsSink

/// Long randomized replays against the independent telemt model (``TelemtSimulation``, driven by
/// ``LedgerReplay``): restarts, runtime stats resets, idle prunes, a shifting labelled subset,
/// suppressed telemetry, the API on or off, wall-clock steps and pauses, latency, lost scrapes,
/// kills before commit and duplicate recordings, all mixed. The recorded total of every user must
/// equal the model's true total minus exactly what the model says no reading could show.
struct TrafficLedgerPropertyTests {
    struct Killed: Error {}

    @Test(arguments: 0..<16)
    func recordedTotalEqualsTheModelsTruth(seed: Int) async throws {
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        var killing = store
        killing.beforeCommit = { throw Killed() }
        var replay = LedgerReplay(seed: seed)
        try await replay.run(steps: 2_500, store: store, killing: killing, node: "n1")
        let lifetime = Dictionary(uniqueKeysWithValues: try await store.lifetimeUsage().map { ($0.user, $0.total) })
        for (user, expected) in replay.expected {
            #expect(lifetime[user, default: 0] == expected, "user \(user): recorded vs true minus unobservable")
        }
        #expect(replay.expected.values.filter { $0 > 0 }.count > 10)
        #expect(replay.recorded > 1_500)
        replay.expectEveryReset()
    }
}
