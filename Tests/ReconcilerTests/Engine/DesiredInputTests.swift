import Foundation
import Testing
import TestSupport
@testable import Reconciler

/// A remote that cannot be reached: ticks go on from the last fetched revision, say so, and still
/// enforce; before any fetch there is nothing to fall back to.
@Suite(.serialized)
struct DesiredInputTests {
    @Test func anUnreachableRemoteFallsBackToTheLastFetchedRevision() async throws {
        let host = try EngineHarness(users: ReconcileEngineTests.users, start: ReconcileEngineTests.start)
        let first = await (try host.engine()).tick()
        #expect(first.outcome == .applied && first.unreachable.isEmpty)
        let moved = host.repo.remote.path + ".away"
        try FileManager.default.moveItem(atPath: host.repo.remote.path, toPath: moved)
        defer { try? FileManager.default.moveItem(atPath: moved, toPath: host.repo.remote.path) }
        try host.telemt.connect("alice")
        try host.telemt.traffic("alice", from: 1 << 30, to: 1 << 20)
        let offline = await (try host.engine()).tick()
        #expect(offline.outcome == .applied, "\(offline.outcome) \(offline.notes)")
        #expect(offline.unreachable == ["git remote"])
        #expect(offline.revision == first.revision)
        #expect(offline.notes.contains { $0.contains("working from the last fetched revision \(first.revision!.prefix(12))") }, "\(offline.notes)")
        #expect(offline.events.contains { $0.kind == "limited" }, "quotas are enforced while the remote is away")
    }

    @Test func withoutAnEarlierFetchAnUnreachableRemoteFails() async throws {
        let host = try EngineHarness(users: ReconcileEngineTests.users, start: ReconcileEngineTests.start)
        try FileManager.default.removeItem(at: host.repo.remote)
        let report = await (try host.engine()).tick()
        guard case .failed(let error) = report.outcome else { Issue.record("\(report.outcome)"); return }
        #expect(error.code == .source)
    }
}
