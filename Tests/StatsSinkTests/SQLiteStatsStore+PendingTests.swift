import Testing
@testable import StatsSink

/// The usage version and pending deltas through the ``StatsStore`` protocol, as PostgreSQL answers them.
struct SQLiteStatsStorePendingTests {
    @Test func versionMovesWithUsageAndPendingDeltasRecordNothing() async throws {
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        try await UsageVersionScenario.run(store)
        let fresh = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        #expect(try await store.usageVersion(node: "n1") != fresh.usageVersion(node: "n1"), "the scenario's traffic is in the version")
    }
}
