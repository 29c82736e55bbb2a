import Foundation
import Testing
import TelemtRender
import TestSupport
@testable import Reconciler

/// A tick whose inputs match the last clean tick has nothing to do and says so quickly; any new
/// input (traffic, an edit on disk, the clock at a state change or set back, an hour of heartbeat,
/// a failure in between) makes the next tick a full one.
@Suite(.serialized)
struct TickMemoTests {
    static func usedMemo(_ report: TickReport) -> Bool {
        report.steps.contains { $0.name == "memo" }
    }

    /// The scrape's clock is the injected one: moving it makes the next scrape a new one.
    static func later(_ host: EngineHarness, _ seconds: TimeInterval = 5) {
        host.clock.set(host.clock.current.addingTimeInterval(seconds))
    }

    @Test func aTickWithNothingNewUsesTheMemoAndReportsTheSame() async throws {
        let host = try EngineHarness(users: ReconcileEngineTests.users, start: ReconcileEngineTests.start)
        let engine = try host.engine()
        let plan = await engine.plan()
        let first = await engine.tick()
        Self.later(host)
        let fast = await engine.tick()
        #expect(!Self.usedMemo(plan) && !Self.usedMemo(first) && Self.usedMemo(fast), "\(first.steps) \(fast.steps)")
        let full = await engine.plan()
        #expect(!Self.usedMemo(full) && full.plan?.changes.isEmpty == true, "a plan is always judged in full")
        #expect(fast.outcome == .unchanged && fast.plan?.changes.isEmpty == true && fast.plan?.config == nil)
        #expect(fast.nextChange == full.nextChange && fast.nextChange != nil)
        #expect(fast.plan?.warnings == full.plan?.warnings && fast.statusWritten == nil && fast.events.isEmpty)
    }

    @Test func trafficAnEditAndTheClockEachEndTheMemo() async throws {
        let host = try EngineHarness(users: ReconcileEngineTests.users, start: ReconcileEngineTests.start)
        let engine = try host.engine()
        _ = await engine.tick()
        try host.telemt.connect("alice")
        try host.telemt.traffic("alice", from: 1 << 30, to: 0)
        Self.later(host)
        let traffic = await engine.tick()
        #expect(!Self.usedMemo(traffic) && traffic.outcome == .applied, "new traffic is judged")

        Self.later(host)
        #expect(Self.usedMemo(await engine.tick()))
        try host.telemt.writeConfig(host.configText + "\n# edited by hand\n")
        let edited = await engine.tick()
        #expect(!Self.usedMemo(edited) && edited.drift != nil && !host.configText.contains("edited by hand"))

        #expect(Self.usedMemo(await engine.tick()))
        host.clock.set(host.clock.current.addingTimeInterval(-60))
        #expect(!Self.usedMemo(await engine.tick()), "a clock set back voids the memo")
        let next = try #require(await engine.tick().nextChange)
        host.clock.set(next)
        let rolled = await engine.tick()
        #expect(!Self.usedMemo(rolled) && rolled.outcome == .applied, "the period end is judged: alice is active again")
    }

    @Test func theHeartbeatHourAndAFailureEachEndTheMemo() async throws {
        let host = try EngineHarness(users: ReconcileEngineTests.users, start: ReconcileEngineTests.start)
        let engine = try host.engine()
        _ = await engine.tick()
        _ = await engine.tick()
        host.clock.set(host.clock.current.addingTimeInterval(3_601))
        let heartbeat = await engine.tick()
        #expect(!Self.usedMemo(heartbeat) && heartbeat.statusWritten != nil, "the status heartbeat is written after an hour")
        #expect(Self.usedMemo(await engine.tick()))

        let key = host.scratch.path("master.key").path
        let saved = try Data(contentsOf: URL(fileURLWithPath: key))
        try FileManager.default.removeItem(atPath: key)
        guard case .failed = await engine.tick().outcome else { Issue.record("a missing key fails the tick"); return }
        try saved.write(to: URL(fileURLWithPath: key))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key)
        let after = await engine.tick()
        #expect(!Self.usedMemo(after) && after.outcome == .unchanged, "after a failure the next tick is a full one: \(after.outcome)")
    }
}
