import Foundation
import TestSupport
import Testing
@testable import StatsSink

/// Random traffic, restarts, vanishing series, lost scrapes, kills before commit and duplicate
/// recordings: the recorded total always equals the true traffic minus what the simulation
/// computes as erased before any recorded scrape could see it.
struct TrafficLedgerPropertyTests {
    struct Killed: Error {}

    @Test(arguments: 0..<24)
    func recordedTotalEqualsTrueTraffic(seed: Int) throws {
        var random = SeededGenerator(seed: UInt64(seed) &* 0x5851_F42D_4C95_7F2D &+ 1)
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger(bootTolerance: 10))
        var killing = store
        killing.beforeCommit = { throw Killed() }
        var sim = TelemtSimulation(userCount: 6)
        var recordedCount = 0
        for tick in 1...240 {
            let time = Double(tick) * 60 + Double.random(in: 0..<1, using: &random)
            advance(&sim, tick: tick, time: time, random: &random)
            let snapshot = sim.snapshot(at: time, uptimeNoise: Double.random(in: -0.5...0.5, using: &random))
            let roll = Double.random(in: 0..<1, using: &random)
            if roll < 0.2 { continue }  // scrape lost
            if roll < 0.27 {
                #expect(throws: StatsStoreError.self) { try killing.record(snapshot, node: "n1") }
                continue
            }
            let result = try store.record(snapshot, node: "n1")
            #expect(result.kind != .duplicate)
            sim.recorded()
            recordedCount += 1
            if roll > 0.9 {
                let again = try store.record(snapshot, node: "n1")
                #expect(again.kind == .duplicate && again.deltas.isEmpty)
            }
        }
        // A last scrape that is not lost: traffic after the last recorded scrape is not lost either.
        _ = try store.record(sim.snapshot(at: 241 * 60, uptimeNoise: 0), node: "n1")
        sim.recorded()
        try expectTotals(store, sim)
        #expect(recordedCount > 100)
        #expect(sim.restarts > 0 && sim.vanishes > 0, "the run exercised restarts and vanishing series")
    }

    private func advance(_ sim: inout TelemtSimulation, tick: Int, time: Double, random: inout SeededGenerator) {
        sim.vanishIdle(tick: tick)
        let restartAt = time - Double.random(in: 0..<30, using: &random)
        let restarts = Double.random(in: 0..<1, using: &random) < 0.05 && restartAt - sim.boot >= 30
        for (index, user) in sim.users.enumerated() {
            if restarts, index == sim.users.count / 2 { sim.restart(at: restartAt) }
            guard Double.random(in: 0..<1, using: &random) < 0.45 else { continue }
            let bytes = TelemtSimulation.Pair(
                from: UInt64.random(in: 1...2_000_000, using: &random), to: UInt64.random(in: 1...9_000_000, using: &random)
            )
            sim.traffic(user, bytes, tick: tick)
        }
    }

    private func expectTotals(_ store: SQLiteStatsStore, _ sim: TelemtSimulation) throws {
        let lifetime = Dictionary(uniqueKeysWithValues: try store.lifetimeUsage().map { ($0.user, $0) })
        let everything = DateInterval(start: sim.start.addingTimeInterval(-86_400), duration: 30 * 86_400)
        let ranged = Dictionary(uniqueKeysWithValues: try store.usage(in: everything, filter: .all).map { ($0.user, $0) })
        for user in sim.users {
            let expected = sim.truth[user, default: .init()] - sim.unseen[user, default: .init()]
            #expect(lifetime[user]?.fromClient ?? 0 == expected.from, "user \(user) from client")
            #expect(lifetime[user]?.toClient ?? 0 == expected.to, "user \(user) to client")
            #expect(ranged[user] == lifetime[user], "hourly and daily roll-ups agree for \(user)")
        }
    }
}
