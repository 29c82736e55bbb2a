import Foundation
import Logging
import StatsSink
import StatsSinkPostgres

/// A PostgreSQL store that brings the schema up to date before the first operation that reaches the
/// server, and tries again on the next operation after a failed try (the server was away at start).
///
/// An operation that has no answer within ``probeAfter`` (the pool retrying a connection the server
/// refuses, or cannot be reached) is raced by one direct connection: when that fails, the operation
/// fails with the server's own reason (`password authentication failed`, `connection refused`)
/// instead of waiting for the pool.
struct MigratingStatsStore: StatsStore {
    /// Whether the schema is known to be current.
    final class Migrated: @unchecked Sendable {
        private let lock = NSLock()
        private var done = false
        var value: Bool {
            get { lock.withLock { done } }
            set { lock.withLock { done = newValue } }
        }
    }

    /// A direct connection failed: the server's reason (it never holds the password).
    struct Unreachable: Error, CustomStringConvertible {
        var reason: String
        var description: String { "cannot connect: \(reason)" }
    }

    let base: PostgresStatsStore
    let settings: PostgresSettings
    let logger: Logger
    let migrated = Migrated()
    /// How long an operation runs before a direct connection checks the server.
    var probeAfter: Duration = .seconds(1)

    private func ready() async throws {
        guard !migrated.value else { return }
        try await diagnosed { try await base.migrate() }
        migrated.value = true
    }

    /// `operation`, failed with the reason of a direct connection when it is slow and that fails.
    private func diagnosed<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let (settings, logger, wait) = (settings, logger, probeAfter)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: wait)
                do {
                    try await PostgresStatsStore.withStore(settings: settings, logger: logger) { _ in }
                } catch let error as StatsStoreError where error.operation == "open" {
                    throw Unreachable(reason: error.message)
                }
                return nil
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let result { return result }
            }
            throw CancellationError()
        }
    }

    func record(_ snapshot: TelemtSnapshot, node: String, recorder: RecorderInstance?, takeOver: Bool) async throws -> RecordResult {
        try await ready()
        return try await diagnosed { try await base.record(snapshot, node: node, recorder: recorder, takeOver: takeOver) }
    }

    func lastScrape(node: String) async throws -> ScrapeIdentity? {
        try await ready()
        return try await diagnosed { try await base.lastScrape(node: node) }
    }

    func heartbeats() async throws -> [NodeHeartbeat] {
        try await ready()
        return try await diagnosed { try await base.heartbeats() }
    }

    func usageVersion(node: String) async throws -> String {
        try await ready()
        return try await diagnosed { try await base.usageVersion(node: node) }
    }

    func pendingDeltas(_ snapshot: TelemtSnapshot, node: String) async throws -> [TrafficDelta] {
        try await ready()
        return try await diagnosed { try await base.pendingDeltas(snapshot, node: node) }
    }

    func firstSeen(node: String?) async throws -> [String: Date] {
        try await ready()
        return try await diagnosed { try await base.firstSeen(node: node) }
    }

    func usage(in interval: DateInterval?, filter: UsageFilter) async throws -> [UserUsage] {
        try await ready()
        return try await diagnosed { try await base.usage(in: interval, filter: filter) }
    }

    func usage(between boundaries: [Date], filter: UsageFilter) async throws -> [[UserUsage]] {
        try await ready()
        return try await diagnosed { try await base.usage(between: boundaries, filter: filter) }
    }

    func systemSamples(node: String, in interval: DateInterval) async throws -> [SystemSample] {
        try await ready()
        return try await diagnosed { try await base.systemSamples(node: node, in: interval) }
    }

    func prune(_ cutoffs: RetentionCutoffs) async throws -> PruneResult {
        try await ready()
        return try await diagnosed { try await base.prune(cutoffs) }
    }
}
