import Foundation
import Testing
@testable import StatsSink

/// The usage version and pending deltas every backend shares: the version moves with traffic on
/// any node, a first connection of the node and a retention run, and stays with a scrape that adds
/// nothing; pending deltas are what recording would add, and recording nothing.
enum UsageVersionScenario {
    static let start = Date(timeIntervalSince1970: 1_772_323_200)  // 2026-03-01T00:00:00Z

    static func snapshot(at offset: Double, _ users: [String: UInt64]) -> TelemtSnapshot {
        TelemtSnapshot(
            scrapedAt: start.addingTimeInterval(offset), uptime: 1_000 + offset,
            users: users.mapValues { UserCounters(octetsFromClient: $0, octetsToClient: $0, connectionsCurrent: 1) }
        )
    }

    static func run(_ store: some StatsStore) async throws {
        let empty = try await store.usageVersion(node: "n1")
        _ = try await store.record(snapshot(at: 0, ["alice": 10]), node: "n1")
        let first = try await store.usageVersion(node: "n1")
        #expect(first != empty)
        _ = try await store.record(snapshot(at: 60, ["alice": 10]), node: "n1")
        #expect(try await store.usageVersion(node: "n1") == first, "a scrape without traffic keeps the version")
        _ = try await store.record(snapshot(at: 70, ["carol": 3]), node: "n2")
        let other = try await store.usageVersion(node: "n1")
        #expect(other != first, "traffic on another node changes the fleet's usage")
        let pending = try await store.pendingDeltas(snapshot(at: 120, ["alice": 15, "bob": 1]), node: "n1")
        #expect(pending == [TrafficDelta(user: "alice", fromClient: 5, toClient: 5), TrafficDelta(user: "bob", fromClient: 1, toClient: 1)])
        #expect(try await store.lifetimeUsage().map(\.total) == [20, 6], "pending deltas record nothing")
        #expect(try await store.usageVersion(node: "n1") == other)
        let recorded = try await store.record(snapshot(at: 120, ["alice": 15, "bob": 1]), node: "n1")
        #expect(recorded.deltas == pending)
        let withBob = try await store.usageVersion(node: "n1")
        #expect(withBob != other)
        #expect(try await store.pendingDeltas(snapshot(at: 30, ["dave": 4]), node: "n3") == [TrafficDelta(user: "dave", fromClient: 4, toClient: 4)])
        let hour = start.addingTimeInterval(86_400 * 3)
        try await store.prune(RetentionCutoffs(rawTraffic: hour, quarterHours: hour, hours: hour, scrapes: start))
        #expect(try await store.usageVersion(node: "n1") != withBob, "a retention run that moves a watermark")
    }

    /// A period that starts at a half hour (Asia/Kolkata, +05:30: every calendar period starts at
    /// hh:30 UTC) with `retention.quarter_hours` shorter than the period: when the fold reaches the
    /// period start, the usage changes, and so must the version (though only `hourly` has a
    /// watermark that the fold does not move).
    static func foldAtAHalfHour(_ store: some StatsStore) async throws {
        let day = (1_800_000_000 / 86_400) * 86_400
        let boundary = Date(timeIntervalSince1970: Double(day) + 10.5 * 3_600)   // 10:30 UTC = 16:00 +05:30
        let users = ["a": UserCounters(octetsFromClient: 100, octetsToClient: 0)]
        _ = try await store.record(TelemtSnapshot(scrapedAt: boundary.addingTimeInterval(60), uptime: 60, users: users), node: "n1")
        let window = DateInterval(start: boundary, end: boundary.addingTimeInterval(30 * 86_400))
        let policy = RetentionPolicy(quarterHours: 86_400)
        try await policy.apply(to: store, now: boundary.addingTimeInterval(86_400 - 3_600))
        let (v1, u1) = (try await store.usageVersion(node: "n1"), try await store.usage(in: window, filter: UsageFilter(node: "n1")))
        try await policy.apply(to: store, now: boundary.addingTimeInterval(86_400 + 3_600))
        let (v2, u2) = (try await store.usageVersion(node: "n1"), try await store.usage(in: window, filter: UsageFilter(node: "n1")))
        #expect(u1 != u2, "the fold moves the first bytes out of the period")
        #expect(v1 != v2, "version \(v1) → \(v2), usage \(u1.map(\.total)) → \(u2.map(\.total))")
    }
}
