import Foundation
import Testing
import TestSupport
@testable import Reconciler

/// `plan --from-status` in a plain clone (no key, no host, no store) gives the host's domain diff.
@Suite(.serialized)
struct StatusPlanTests {
    @Test func aCloneAloneGivesTheHostsDomainDiff() async throws {
        let host = try EngineHarness(users: ReconcileEngineTests.users, start: ReconcileEngineTests.start)
        let engine = try host.engine()
        #expect(await engine.tick().outcome == .applied)
        try host.telemt.connect("bob")
        try host.telemt.traffic("bob", from: 3 << 30, to: 1 << 29)
        #expect(await engine.tick().outcome == .unchanged)
        let committed = try host.committedStatus()
        #expect(committed.contains("  bob:\n    state: active\n    reason: \"unlimited, used 3.5 GiB"), "\(committed)")
        let lowered = ReconcileEngineTests.users
            .replacingOccurrences(of: "  bob: {}", with: "  bob: { data_limit: 2 GiB, rotate: 1 }")
            .replacingOccurrences(of: "  carol: { on_hold: 30d }\n", with: "  carol: { on_hold: 30d }\n  dave: { data_limit: 5 GiB }\n")
        try host.push(["users.yaml": lowered], message: "lower bob's limit")
        let onHost = try #require(await engine.plan().plan)

        let clone = host.scratch.path("clone").path
        try Shell.run(["git", "clone", "-q", host.repo.remote.path, clone])
        let inCI = try await StatusPlan(checkout: clone, node: "eu-1", now: host.clock.current).plan()
        #expect(inCI.changes == onHost.changes)
        #expect(inCI.summary == "1 to add, 2 to change, 1 state change" && inCI.appliedRevision == onHost.appliedRevision)
        #expect(inCI.changes.map(\.line) == [
            "~ bob limit unlimited → 2 GiB/month: used 3.5 GiB in 2026-11 (Europe/Moscow), becomes limited",
            "↻ bob secret rotated: the old link stops working",
            "+ dave 5 GiB/month",
        ])
        #expect(inCI.config == nil && inCI.warnings.isEmpty)
    }

    @Test func withoutAStatusEveryUserIsNewAndSaysWhy() async throws {
        let host = try EngineHarness(users: ReconcileEngineTests.users, start: ReconcileEngineTests.start)
        let clone = host.scratch.path("clone").path
        try Shell.run(["git", "clone", "-q", host.repo.remote.path, clone])
        let plan = try await StatusPlan(checkout: clone, node: "eu-1", now: host.clock.current).plan()
        #expect(plan.changes.map(\.kind) == [.add, .add, .add])
        #expect(plan.warnings == ["status/eu-1.yaml is not committed: every user is shown as new"])
    }

    /// A checkout owned by another user (a container's uid on a runner's files): libgit2 refuses
    /// it, and the warning says that, not that history is missing.
    @Test func aCheckoutOwnedByAnotherUserSaysWhoMustRunThePlan() async throws {
        let host = try EngineHarness(users: ReconcileEngineTests.users, start: ReconcileEngineTests.start)
        let engine = try host.engine()
        #expect(await engine.tick().outcome == .applied)
        let clone = host.scratch.path("clone").path
        try Shell.run(["git", "clone", "-q", host.repo.remote.path, clone])
        try Shell.run(["chown", "-R", "daemon", clone])
        let plan = try await StatusPlan(checkout: clone, node: "eu-1", now: host.clock.current).plan()
        #expect(plan.warnings.count == 1)
        #expect(plan.warnings.first?.contains("could not be read from this checkout") == true, "\(plan.warnings)")
        #expect(plan.warnings.first?.hasSuffix("run plan as the user who owns the checkout (in a container: --user with the checkout's uid)") == true, "\(plan.warnings)")
    }
}
