import Foundation
import Testing
@testable import StatsSink

/// Equal usage versions mean equal answers from `usage(in:filter:)`.
struct SQLiteStatsStoreVersionTests {
    /// A fold that changes an answer changes the version (see ``UsageVersionScenario/foldAtAHalfHour(_:)``).
    @Test func aQuarterFoldThatChangesAnAnswerChangesTheVersion() async throws {
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        try await UsageVersionScenario.foldAtAHalfHour(store)
        #expect(try await store.usage(in: nil, filter: UsageFilter(node: "n1")).map(\.total) == [100], "the fold keeps the lifetime bytes")
    }
}
