import Foundation
import Testing
@testable import StatsSink

/// Equal usage versions mean equal answers from `usage(in:filter:)`.
struct SQLiteStatsStoreVersionTests {
    /// A period that starts at a half hour (Asia/Kolkata, +05:30: every calendar period starts at
    /// hh:30 UTC) with `retention.quarter_hours` shorter than the period: when the fold reaches the
    /// period start, the usage changes, but no watermark moves (only `hourly` has one).
    @Test func aQuarterFoldThatChangesAnAnswerChangesTheVersion() async throws {
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        let day = (1_800_000_000 / 86_400) * 86_400
        let boundary = Date(timeIntervalSince1970: Double(day) + 10.5 * 3_600)   // 10:30 UTC = 16:00 +05:30
        try store.recordDeltas([TrafficDelta(user: "a", fromClient: 100, toClient: 0, unsplit: 0)], at: boundary.addingTimeInterval(60))
        let window = DateInterval(start: boundary, end: boundary.addingTimeInterval(30 * 86_400))
        let policy = RetentionPolicy(quarterHours: 86_400)
        try await policy.apply(to: store, now: boundary.addingTimeInterval(86_400 - 3_600))
        let (v1, u1) = (try await store.usageVersion(node: "n1"), try await store.usage(in: window, filter: UsageFilter(node: "n1")))
        try await policy.apply(to: store, now: boundary.addingTimeInterval(86_400 + 3_600))
        let (v2, u2) = (try await store.usageVersion(node: "n1"), try await store.usage(in: window, filter: UsageFilter(node: "n1")))
        #expect(u1 == u2 || v1 != v2, "version \(v1) → \(v2), usage \(u1.map(\.total)) → \(u2.map(\.total))")
    }
}
