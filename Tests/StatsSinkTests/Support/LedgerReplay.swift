import Foundation
import TestSupport
import Testing
@testable import StatsSink

/// One randomized replay of ``TelemtSimulation`` into a store, shared by every backend's ledger
/// property test: restarts, stats resets, idle prunes, shifting labelled sets, suppressed telemetry,
/// clock steps and pauses, latency, lost scrapes, kills before commit and duplicate recordings.
struct LedgerReplay {
    var sim = TelemtSimulation(userCount: 24)
    var random: SeededGenerator
    let api: Bool
    let activity: [Double]
    /// Scrapes recorded (not lost, not killed).
    var recorded = 0

    init(seed: Int) {
        random = SeededGenerator(seed: UInt64(seed) &* 0x5851_F42D_4C95_7F2D &+ 7)
        api = seed % 2 == 1
        var random = random
        activity = TelemtSimulation(userCount: 24).users.map { _ in [0.002, 0.05, 0.4].randomElement(using: &random)! }
        self.random = random
    }

    /// Replays `steps` scrape intervals into `store` as `node`; `killing` is the same store with a
    /// commit hook that throws. Ends with a complete scrape, every user labelled.
    mutating func run(steps: Int, store: some StatsStore, killing: some StatsStore, node: String) async throws {
        for _ in 1...steps {
            advance()
            let roll = Double.random(in: 0..<1, using: &random)
            if roll < 0.15 { continue }  // scrape lost
            let snapshot = scrape()
            if roll < 0.2 {
                await #expect(throws: StatsStoreError.self) { try await killing.record(snapshot, node: node) }
                continue
            }
            let result = try await store.record(snapshot, node: node)
            #expect(result.kind != .duplicate)
            sim.recorded(snapshot)
            recorded += 1
            if roll > 0.95 {
                let again = try await store.record(snapshot, node: node)
                #expect(again.kind == .duplicate && again.deltas.isEmpty)
            }
        }
        sim.monotonic += 60
        let last = sim.snapshot(labelled: Set(sim.users), suppressed: false, api: api, latency: 0)
        _ = try await store.record(last, node: node)
        sim.recorded(last)
    }

    /// Each user's true total minus what no reading could show.
    var expected: [String: UInt64] {
        Dictionary(uniqueKeysWithValues: sim.users.map { ($0, sim.truth[$0, default: 0] - sim.unobservable[$0, default: 0]) })
    }

    /// Checks that the replay exercised every kind of reset.
    func expectEveryReset() {
        #expect(sim.restarts > 0 && sim.reloads > 0 && sim.prunes > 0, "the replay exercised every reset")
    }

    private mutating func advance() {
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

    private mutating func scrape() -> TelemtSnapshot {
        let suppressed = Double.random(in: 0..<1, using: &random) < 0.05
        let labelled = Set(sim.users.filter { _ in Double.random(in: 0..<1, using: &random) < 0.7 })
        return sim.snapshot(labelled: labelled, suppressed: suppressed, api: api, latency: Double.random(in: 0...25, using: &random))
    }
}
