import Testing
@testable import StatsSink

/// The usage version and pending deltas through the ``StatsStore`` protocol, as PostgreSQL answers them.
struct SQLiteStatsStorePendingTests {
    @Test func versionMovesWithUsageAndPendingDeltasRecordNothing() async throws {
        try await UsageVersionScenario.run(try SQLiteStatsStore(inMemoryWith: TrafficLedger()))
    }
}
