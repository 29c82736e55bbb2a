import Foundation
import TestSupport
import Testing
@testable import StatsSink

struct SQLiteStatsStoreStepsTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// Records random scrapes over 12 days; returns every delta with the quarter-hour bucket of its scrape.
    func recordHistory(_ store: SQLiteStatsStore, seed: UInt64) async throws -> [(quarter: Int64, delta: TrafficDelta)] {
        var random = SeededGenerator(seed: seed)
        var counters: [String: UserCounters] = [:]
        var recorded: [(Int64, TrafficDelta)] = []
        var minute = 0.0
        while minute < 12 * 24 * 60 {
            minute += .random(in: 5...200, using: &random)
            for user in ["a", "b", "c", "d"] where Bool.random(using: &random) {
                let old = counters[user] ?? UserCounters(octetsFromClient: 0, octetsToClient: 0)
                counters[user] = UserCounters(
                    octetsFromClient: old.octetsFromClient + .random(in: 0...5_000, using: &random),
                    octetsToClient: old.octetsToClient + .random(in: 0...5_000, using: &random)
                )
            }
            let at = t0.addingTimeInterval(minute * 60)
            let result = try await store.record(TelemtSnapshot(scrapedAt: at, uptime: 100 + minute * 60, users: counters), node: "n1")
            recorded += result.deltas.map { (TimeBuckets.quarterStart(of: at), $0) }
        }
        return recorded
    }

    /// The reference: each delta in the span containing its quarter-hour bucket, after rounding
    /// the boundaries up to quarter hours.
    func reference(_ recorded: [(quarter: Int64, delta: TrafficDelta)], _ boundaries: [Date], user: String?) -> [[UserUsage]] {
        let edges = boundaries.map { TimeBuckets.roundUp(Int64($0.timeIntervalSince1970.rounded(.up)), to: 900) }
        return (0..<edges.count - 1).map { span in
            var sums: [String: (UInt64, UInt64)] = [:]
            for (quarter, delta) in recorded where quarter >= edges[span] && quarter < edges[span + 1] && (user == nil || delta.user == user) {
                let old = sums[delta.user] ?? (0, 0)
                sums[delta.user] = (old.0 + delta.fromClient, old.1 + delta.toClient)
            }
            return sums.keys.sorted().map { UserUsage(user: $0, fromClient: sums[$0]!.0, toClient: sums[$0]!.1) }
        }
    }

    /// Property: spans of any length and alignment (minutes to days, zones off UTC) read through
    /// the daily roll-up with quarter-hour edges agree with the recorded deltas, byte for byte.
    @Test func spansMatchRecordedDeltas() async throws {
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        let recorded = try await recordHistory(store, seed: 23)
        var random = SeededGenerator(seed: 29)
        for _ in 0..<200 {
            var boundaries = [t0.addingTimeInterval(.random(in: -7_200...(86_400 * 3), using: &random))]
            let longSteps = Bool.random(using: &random)
            for _ in 0..<Int.random(in: 1...8, using: &random) {
                let step = longSteps ? Double.random(in: 0...(86_400 * 2.5), using: &random) : .random(in: 0...20_000, using: &random)
                boundaries.append(boundaries.last!.addingTimeInterval(step))
            }
            let user = Bool.random(using: &random) ? nil : "b"
            let expected = reference(recorded, boundaries, user: user)
            #expect(try await store.usage(between: boundaries, filter: UsageFilter(user: user)) == expected)
            let whole = DateInterval(start: boundaries[0], end: boundaries[boundaries.count - 1])
            #expect(try await store.usage(in: whole, filter: UsageFilter(user: user)) == reference(recorded, [whole.start, whole.end], user: user)[0])
        }
    }

    @Test func lifetimeTotalsEqualEveryRecordedDelta() async throws {
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        let recorded = try await recordHistory(store, seed: 31)
        let all = [Date(timeIntervalSince1970: 0), t0.addingTimeInterval(86_400 * 30)]
        #expect(try await store.lifetimeUsage() == reference(recorded, all, user: nil)[0])
        #expect(try await store.lifetimeUsage(filter: UsageFilter(node: "other")).isEmpty)
    }

    @Test func spanIndexIsTheLastOfEqualStarts() {
        #expect(SQLiteStatsStore.span(of: 5, in: [0, 5, 5, 9]) == 2)
        #expect(SQLiteStatsStore.span(of: 4, in: [0, 5, 5, 9]) == 0)
        #expect(SQLiteStatsStore.span(of: 8, in: [0, 5, 5, 9]) == 2)
    }
}
