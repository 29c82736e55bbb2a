import Foundation
import TestSupport
import Testing
@testable import StatsSink

/// Long randomized replays against the independent telemt model (``TelemtSimulation``): restarts,
/// runtime stats resets, idle prunes, a shifting labelled subset, suppressed telemetry, the API on
/// or off, wall-clock steps and pauses, latency, lost scrapes, kills before commit and duplicate
/// recordings, all mixed. The recorded total of every user must equal the model's true total
/// minus exactly what the model says no reading could show.
struct TrafficLedgerPropertyTests {
    struct Killed: Error {}

    @Test(arguments: 0..<16)
    func recordedTotalEqualsTheModelsTruth(seed: Int) async throws {
        var random = SeededGenerator(seed: UInt64(seed) &* 0x5851_F42D_4C95_7F2D &+ 7)
        let api = seed % 2 == 1
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        var killing = store
        killing.beforeCommit = { throw Killed() }
        var sim = TelemtSimulation(userCount: 24)
        let activity = sim.users.map { _ in [0.002, 0.05, 0.4].randomElement(using: &random)! }
        var recorded = 0
        for _ in 1...2_500 {
            advance(&sim, activity: activity, random: &random)
            let roll = Double.random(in: 0..<1, using: &random)
            if roll < 0.15 { continue }  // scrape lost
            let snapshot = scrape(sim, api: api, random: &random)
            if roll < 0.2 {
                await #expect(throws: StatsStoreError.self) { try await killing.record(snapshot, node: "n1") }
                continue
            }
            let result = try await store.record(snapshot, node: "n1")
            #expect(result.kind != .duplicate)
            sim.recorded(snapshot)
            recorded += 1
            if roll > 0.95 {
                let again = try await store.record(snapshot, node: "n1")
                #expect(again.kind == .duplicate && again.deltas.isEmpty)
            }
        }
        // A last complete scrape, every user labelled.
        sim.monotonic += 60
        let last = sim.snapshot(labelled: Set(sim.users), suppressed: false, api: api, latency: 0)
        _ = try await store.record(last, node: "n1")
        sim.recorded(last)
        try await expectTotals(store, sim)
        #expect(recorded > 1_500)
        #expect(sim.restarts > 0 && sim.reloads > 0 && sim.prunes > 0, "the replay exercised every reset")
    }

    private func advance(_ sim: inout TelemtSimulation, activity: [Double], random: inout SeededGenerator) {
        let step = Double.random(in: 50...70, using: &random)
        sim.monotonic += step
        switch Double.random(in: 0..<1, using: &random) {
        case ..<0.01: sim.wallOffset += Double.random(in: -900...900, using: &random)  // NTP step
        case ..<0.02: sim.wallOffset += Double.random(in: 60...900, using: &random)  // paused VM
        default: break
        }
        if sim.uptime > 3_600, Double.random(in: 0..<1, using: &random) < 0.004 { sim.restart(processChanges: true) }
        if sim.uptime > 3_600, Double.random(in: 0..<1, using: &random) < 0.003 { sim.restart(processChanges: false) }
        sim.pruneIdle()
        for (index, user) in sim.users.enumerated() where Double.random(in: 0..<1, using: &random) < activity[index] {
            sim.traffic(user, from: .random(in: 1...2_000_000, using: &random), to: .random(in: 1...9_000_000, using: &random))
        }
    }

    private func scrape(_ sim: TelemtSimulation, api: Bool, random: inout SeededGenerator) -> TelemtSnapshot {
        let suppressed = Double.random(in: 0..<1, using: &random) < 0.05
        let labelled = Set(sim.users.filter { _ in Double.random(in: 0..<1, using: &random) < 0.7 })
        return sim.snapshot(labelled: labelled, suppressed: suppressed, api: api, latency: Double.random(in: 0...25, using: &random))
    }

    private func expectTotals(_ store: SQLiteStatsStore, _ sim: TelemtSimulation) async throws {
        let lifetime = Dictionary(uniqueKeysWithValues: try await store.lifetimeUsage().map { ($0.user, $0.total) })
        var checked = 0
        for user in sim.users {
            let expected = sim.truth[user, default: 0] - sim.unobservable[user, default: 0]
            #expect(lifetime[user, default: 0] == expected, "user \(user): recorded vs true minus unobservable")
            if sim.truth[user, default: 0] > 0 { checked += 1 }
        }
        #expect(checked > 10)
    }
}
