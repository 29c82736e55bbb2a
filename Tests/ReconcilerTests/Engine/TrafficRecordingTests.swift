import Foundation
import StatsSink
import Testing
import TestSupport
@testable import Reconciler

/// Ticks that record traffic also prune the store to `retention.*`, at most once an hour, without
/// changing any total.
@Suite(.serialized)
struct TrafficRecordingTests {
    @Test func ticksPruneRawRowsToTheRetentionAndKeepTotals() async throws {
        let host = try EngineHarness(users: ReconcileEngineTests.users, start: ReconcileEngineTests.start)
        let engine = try host.engine(["retention.raw": "1d"])
        _ = await engine.tick()
        try host.telemt.connect("bob")
        try host.telemt.traffic("bob", from: 1_000, to: 2_000)
        host.clock.set(host.clock.current.addingTimeInterval(60))
        _ = await engine.tick()
        let store = try SQLiteStatsStore(path: try host.configuration().storePath)
        let rows = try await store.rawTrafficRowCount()
        #expect(rows == 1, "bob's traffic is one raw row")

        try host.telemt.traffic("bob", from: 10, to: 20)
        host.clock.set(host.clock.current.addingTimeInterval(1_800))
        _ = await engine.tick()
        #expect(try await store.rawTrafficRowCount() == 2, "within the hour nothing is pruned")

        try host.telemt.traffic("bob", from: 1, to: 1)
        host.clock.set(host.clock.current.addingTimeInterval(2 * 86_400))
        _ = await engine.tick()
        #expect(try await store.rawTrafficRowCount() == 1, "rows older than retention.raw are gone")
        #expect(try await store.lifetimeUsage().map(\.total) == [3_032], "totals never change")
    }
}
