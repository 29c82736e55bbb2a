import Foundation
import Testing
@testable import StatsSink

struct TrafficLedgerTests {
    let ledger = TrafficLedger()
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func snap(
        _ seconds: Double, uptime: Double, _ users: [String: (UInt64, UInt64)] = [:], connections: UInt64? = nil,
        api: [String: UInt64]? = nil, started: UInt64? = nil
    ) -> TelemtSnapshot {
        TelemtSnapshot(
            scrapedAt: t0.addingTimeInterval(seconds), uptime: uptime, connectionsTotal: connections,
            users: users.mapValues { UserCounters(octetsFromClient: $0.0, octetsToClient: $0.1) },
            api: api.map { TelemtAPIObservation(processStartedAt: started, users: $0.mapValues { .init(totalOctets: $0) }) }
        )
    }

    func base(_ snapshot: TelemtSnapshot, _ users: [String: CounterBaseline] = [:]) -> NodeBaseline {
        NodeBaseline(identity: ScrapeIdentity(snapshot), users: users)
    }

    /// The example: 12 s of wall time but 1 s of uptime (a clock step, a pause or a slow
    /// answer) with 2 KB of traffic must record 2 KB, not the whole counter again.
    @Test func aClockStepIsNotARestart() {
        let before = snap(0, uptime: 864_000, ["alice": (9_000_000_000, 9_600_000_000)], connections: 5_000)
        let previous = base(before, ["alice": CounterBaseline(fromClient: 9_000_000_000, toClient: 9_600_000_000)])
        for wall: Double in [12, 3_600, 2_592_000, -600] {
            let step = ledger.step(snap(wall, uptime: 864_001, ["alice": (9_000_001_000, 9_600_001_000)], connections: 5_001), after: previous)
            #expect(step.kind == .continued, "wall clock moved \(wall) s")
            #expect(step.deltas == [TrafficDelta(user: "alice", fromClient: 1_000, toClient: 1_000)])
        }
    }

    @Test func restartsAreReadFromTelemtsOwnNumbers() {
        let before = snap(0, uptime: 1_000, ["a": (100, 100), "b": (10, 10)], connections: 50, api: ["a": 200, "b": 20], started: 7)
        let previous = base(before, ["a": CounterBaseline(fromClient: 100, toClient: 100), "b": CounterBaseline(fromClient: 10, toClient: 10)])
        #expect(ledger.classify(before, after: nil).kind == .first)
        #expect(ledger.classify(before, after: previous).kind == .duplicate)
        #expect(ledger.classify(snap(60, uptime: 5_000, api: [:], started: 8), after: previous).evidence == .processChanged)
        #expect(ledger.classify(snap(60, uptime: 30), after: previous).evidence == .uptimeWentDown)
        #expect(ledger.classify(snap(60, uptime: 1_060, connections: 3), after: previous).evidence == .connectionsWentDown)
        // Uptime short enough to have begun since the last scrape, and counters below baselines.
        let regrown = snap(9_000, uptime: 2_000, ["a": (1, 1), "b": (500, 500)])
        #expect(ledger.classify(regrown, after: base(snap(0, uptime: 1_000), ["a": CounterBaseline(fromClient: 100, toClient: 100), "b": CounterBaseline(fromClient: 10, toClient: 10), "c": .zero])).kind == .continued,
                "one of two users down is no majority")
        let most = snap(9_000, uptime: 2_000, ["a": (1, 1), "b": (5, 5)])
        #expect(ledger.classify(most, after: previous).evidence == .countersWentDown)
        // The same API process start settles it, whatever the counters do.
        #expect(ledger.classify(snap(9_000, uptime: 2_000, ["a": (1, 1), "b": (5, 5)], api: [:], started: 7), after: previous).kind == .continued)
    }

    /// A reset of every counter at once counts every user from zero, also one whose counter regrew past its old baseline.
    @Test func aStatsResetCountsEveryUserFromZero() {
        let previous = base(snap(0, uptime: 1_000), ["a": CounterBaseline(fromClient: 100, toClient: 1_000), "b": CounterBaseline(fromClient: 5, toClient: 5)])
        let step = ledger.step(snap(60, uptime: 30, ["a": (150, 1_500), "b": (1, 1)]), after: previous)
        #expect(step.kind == .restarted)
        #expect(step.deltas == [TrafficDelta(user: "a", fromClient: 150, toClient: 1_500), TrafficDelta(user: "b", fromClient: 1, toClient: 1)])
    }

    /// A missing series keeps its baseline; only one back below it started again.
    @Test func aMissingSeriesKeepsItsBaseline() {
        var state = base(snap(0, uptime: 1_000), ["a": CounterBaseline(fromClient: 100, toClient: 1_000), "b": CounterBaseline(fromClient: 50, toClient: 60)])
        let gone = ledger.step(snap(60, uptime: 1_060, ["b": (55, 60)]), after: state)
        #expect(gone.missing == 1 && gone.baselineMap["a"] == CounterBaseline(fromClient: 100, toClient: 1_000))
        state = NodeBaseline(identity: ScrapeIdentity(snap(60, uptime: 1_060)), users: gone.baselineMap)
        let back = ledger.step(snap(120, uptime: 1_120, ["a": (130, 1_000), "b": (1, 2)]), after: state)
        #expect(back.deltas == [TrafficDelta(user: "a", fromClient: 30, toClient: 0), TrafficDelta(user: "b", fromClient: 1, toClient: 2)])
        #expect(back.seriesRestarted == ["b"])
    }

    /// The API accounts users /metrics leaves out; /metrics splits what it can, the rest is unsplit.
    @Test func apiTotalsAndMetricsSplitsNeverOverlap() {
        let first = ledger.step(snap(0, uptime: 1_000, ["a": (10, 10)], api: ["a": 25, "z": 7], started: 1), after: nil)
        #expect(first.deltas == [TrafficDelta(user: "a", fromClient: 10, toClient: 10, unsplit: 5), TrafficDelta(user: "z", fromClient: 0, toClient: 0, unsplit: 7)])
        let state = NodeBaseline(identity: ScrapeIdentity(snap(0, uptime: 1_000, api: [:], started: 1)), users: first.baselineMap)
        let second = ledger.step(snap(60, uptime: 1_060, ["a": (12, 16)], api: ["a": 30, "z": 7], started: 1), after: state)
        // a moved 5 bytes in all (25 → 30): /metrics shows 2 + 6 new since its last reading, capped at 5.
        #expect(second.deltas == [TrafficDelta(user: "a", fromClient: 2, toClient: 3, unsplit: 0)])
        #expect(second.deltas.map(\.total).reduce(0, +) == 5)
    }

    @Test func countersNear2To64Saturate() {
        let state = base(snap(0, uptime: 1_000), ["a": CounterBaseline(fromClient: .max - 10, toClient: .max - 10)])
        let step = ledger.step(snap(60, uptime: 1_060, ["a": (.max, .max)], api: ["a": .max]), after: state)
        #expect(step.deltas == [TrafficDelta(user: "a", fromClient: 0, toClient: 0, unsplit: 0)].filter { $0.total > 0 })
        #expect(step.baselineMap["a"]?.total == .max)
    }
}
