import Foundation
import StatsSink

/// A fleet store that counts the prunes asked of it and hands everything to `base`.
final class PruneCountingStore: StatsStore, @unchecked Sendable {
    let base: any StatsStore
    private let lock = NSLock()
    private var count = 0

    init(_ base: any StatsStore) { self.base = base }

    var prunes: Int { lock.withLock { count } }

    func prune(_ cutoffs: RetentionCutoffs) async throws -> PruneResult {
        lock.withLock { count += 1 }
        return try await base.prune(cutoffs)
    }

    func record(_ snapshot: TelemtSnapshot, node: String, recorder: RecorderInstance?, takeOver: Bool) async throws -> RecordResult {
        try await base.record(snapshot, node: node, recorder: recorder, takeOver: takeOver)
    }

    func lastScrape(node: String) async throws -> ScrapeIdentity? { try await base.lastScrape(node: node) }
    func heartbeats() async throws -> [NodeHeartbeat] { try await base.heartbeats() }
    func firstSeen(node: String?) async throws -> [String: Date] { try await base.firstSeen(node: node) }
    func usage(in interval: DateInterval?, filter: UsageFilter) async throws -> [UserUsage] { try await base.usage(in: interval, filter: filter) }
    func usage(between boundaries: [Date], filter: UsageFilter) async throws -> [[UserUsage]] {
        try await base.usage(between: boundaries, filter: filter)
    }
    func systemSamples(node: String, in interval: DateInterval) async throws -> [SystemSample] {
        try await base.systemSamples(node: node, in: interval)
    }
    func usageVersion(node: String) async throws -> String { try await base.usageVersion(node: node) }
    func pendingDeltas(_ snapshot: TelemtSnapshot, node: String) async throws -> [TrafficDelta] {
        try await base.pendingDeltas(snapshot, node: node)
    }
}
