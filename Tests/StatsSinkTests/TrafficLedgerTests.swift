import Foundation
import TestSupport
import Testing
@testable import StatsSink

struct TrafficLedgerTests {
    let ledger = TrafficLedger(bootTolerance: 10)
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func snap(_ seconds: Double, uptime: Double, _ users: [String: (UInt64, UInt64)] = [:]) -> TelemtSnapshot {
        TelemtSnapshot(
            scrapedAt: t0.addingTimeInterval(seconds), uptime: uptime,
            users: users.mapValues { UserCounters(octetsFromClient: $0.0, octetsToClient: $0.1) }
        )
    }

    @Test func classifiesScrapes() {
        let previous = ScrapeIdentity(snap(0, uptime: 1_000))
        #expect(ledger.classify(snap(0, uptime: 1_000), after: nil) == .first)
        #expect(ledger.classify(snap(60, uptime: 1_060.9), after: previous) == .continued, "a second of jitter")
        #expect(ledger.classify(snap(0, uptime: 1_000), after: previous) == .duplicate, "the same scrape")
        #expect(ledger.classify(snap(-60, uptime: 940), after: previous) == .duplicate, "an older scrape")
        #expect(ledger.classify(snap(60, uptime: 5), after: previous) == .restarted, "uptime went down")
        #expect(ledger.classify(snap(7_200, uptime: 3_600), after: previous) == .restarted, "boot moved past the tolerance")
        #expect(ledger.classify(snap(60, uptime: 1_090), after: previous) == .continued, "clock stepped back 30 s")
    }

    @Test func appliesDeltaRules() {
        let baselines = ["a": CounterBaseline(fromClient: 100, toClient: 1_000), "b": CounterBaseline(fromClient: 50, toClient: 60), "gone": CounterBaseline(fromClient: 1, toClient: 1)]
        let step = ledger.step(
            snap(60, uptime: 1_060, ["a": (150, 1_500), "b": (10, 70), "new": (7, 8)]),
            after: ScrapeIdentity(snap(0, uptime: 1_000)), baselines: baselines
        )
        #expect(step.kind == .continued)
        #expect(step.deltas == [
            TrafficDelta(user: "a", fromClient: 50, toClient: 500),
            TrafficDelta(user: "b", fromClient: 10, toClient: 70),  // a counter went down: all new
            TrafficDelta(user: "new", fromClient: 7, toClient: 8),  // first seen: counts from zero
        ])
        #expect(step.vanished == ["gone"])
        #expect(step.updatedBaselines.count == 3)
    }

    @Test func restartCountsWholeValuesAndUnchangedUsersKeepBaselines() {
        let baselines = ["a": CounterBaseline(fromClient: 100, toClient: 1_000)]
        let restarted = ledger.step(snap(60, uptime: 30, ["a": (150, 1_500)]), after: ScrapeIdentity(snap(0, uptime: 1_000)), baselines: baselines)
        #expect(restarted.deltas == [TrafficDelta(user: "a", fromClient: 150, toClient: 1_500)])
        let idle = ledger.step(snap(60, uptime: 1_060, ["a": (100, 1_000)]), after: ScrapeIdentity(snap(0, uptime: 1_000)), baselines: baselines)
        #expect(idle.deltas.isEmpty && idle.updatedBaselines.isEmpty && idle.vanished.isEmpty)
    }

    /// Recording stores the scrape's sorted counters as the new baselines and asks for no update
    /// list: that must equal the baselines merged with the public step's updates, minus the
    /// vanished, and the deltas and vanished users must be the same.
    @Test func sortedStepWithoutUpdatesMatchesPublicStep() {
        var random = SeededGenerator(seed: 41)
        let names = (0..<12).map { "user\($0)" }
        for _ in 0..<500 {
            var baselines: [String: CounterBaseline] = [:]
            var users: [String: (UInt64, UInt64)] = [:]
            for name in names {
                if Bool.random(using: &random) {
                    baselines[name] = CounterBaseline(fromClient: .random(in: 0...50, using: &random), toClient: .random(in: 0...50, using: &random))
                }
                if Bool.random(using: &random) {
                    users[name] = (.random(in: 0...60, using: &random), .random(in: 0...60, using: &random))
                }
            }
            let uptime = Double.random(in: 900...1_100, using: &random)
            let snapshot = snap(60, uptime: uptime, users)
            let previous = Bool.random(using: &random) ? ScrapeIdentity(snap(0, uptime: 1_000)) : nil
            let sorted = TrafficLedger.sortedBaselines(of: snapshot)
            let full = ledger.step(snapshot, after: previous, baselines: baselines)
            let lean = ledger.step(snapshot, after: previous, baselines: baselines, sortedUsers: sorted, listUpdates: false)
            #expect(sorted.map(\.user) == users.keys.sorted())
            #expect(lean.kind == full.kind && lean.deltas == full.deltas && lean.vanished == full.vanished)
            #expect(lean.updatedBaselines.isEmpty)
            guard full.kind != .duplicate else { continue }
            var merged = baselines.merging(full.updatedBaselines) { $1 }
            for user in full.vanished { merged[user] = nil }
            #expect(merged == Dictionary(uniqueKeysWithValues: sorted.map { ($0.user, $0.counters) }))
        }
    }
}
