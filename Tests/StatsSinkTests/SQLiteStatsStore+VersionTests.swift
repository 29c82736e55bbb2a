import Foundation
import Testing
@testable import StatsSink

/// Equal usage versions mean equal answers from `usage(in:filter:)`.
struct SQLiteStatsStoreVersionTests {
    /// A fold that changes an answer changes the version (see ``UsageVersionScenario/foldAtAHalfHour(_:)``).
    @Test func aQuarterFoldThatChangesAnAnswerChangesTheVersion() async throws {
        try await UsageVersionScenario.foldAtAHalfHour(try SQLiteStatsStore(inMemoryWith: TrafficLedger()))
    }
}
