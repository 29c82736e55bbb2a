import Foundation
import StatsSink
import Testing
import TestSupport
@testable import Reconciler

/// Ticks queue their notifications in the store's outbox, with keys derived from the cause: a tick
/// repeated after a crash (the same changes against the same applied record) adds nothing.
@Suite(.serialized)
struct NotificationEventsTests {
    static let users = ReconcileEngineTests.users
    static let notify = ["notify.webhook.url": "https://hooks.example.com/x", "notify.webhook.secret_file": "/nonexistent/secret"]

    @Test func aLimitIsQueuedOnceAlsoWhenTheTickRunsAgainAfterACrash() async throws {
        let host = try EngineHarness(users: Self.users, start: ReconcileEngineTests.start)
        let engine = try host.engine(Self.notify)
        #expect(await engine.tick().outcome == .applied)
        let store = try SQLiteStatsStore(path: engine.configuration.storePath)
        try await store.registerSink("test", at: Date())
        #expect(try await store.pending(sink: "test", limit: 10).isEmpty, "the first tick has nothing to compare with")

        let applied = host.scratch.path("state/applied.tsv").path
        let before = try Data(contentsOf: URL(fileURLWithPath: applied))
        try host.telemt.connect("alice")
        try host.telemt.traffic("alice", from: 1 << 30, to: 1 << 20)
        let limited = await engine.tick()
        #expect(limited.outcome == .applied)
        let queued = try await store.pending(sink: "test", limit: 10)
        #expect(queued.map(\.event.kind) == ["limited"] && queued.first?.event.user == "alice")
        #expect(queued.first?.event.fields["reason"]?.hasPrefix("used 1.0 GiB of 1 GiB") == true)
        #expect(queued.first?.event.fields["from"] == "active" && queued.first?.event.node == "eu-1")

        // A process killed before the applied record was written: the next process finds the old record.
        try before.write(to: URL(fileURLWithPath: applied))
        let again = await (try host.engine(Self.notify)).tick()
        #expect(again.events.contains { $0.kind == "limited" }, "the same change is found again")
        #expect(try await store.pending(sink: "test", limit: 10).count == 1, "and queued once")
    }

    @Test func withoutASinkNothingIsQueued() async throws {
        let host = try EngineHarness(users: Self.users, start: ReconcileEngineTests.start)
        let engine = try host.engine()
        _ = await engine.tick()
        let store = try SQLiteStatsStore(path: engine.configuration.storePath)
        try await store.registerSink("test", at: Date())
        try host.telemt.connect("alice")
        try host.telemt.traffic("alice", from: 1 << 30, to: 1 << 20)
        #expect(await engine.tick().events.count == 1)
        #expect(try await store.pending(sink: "test", limit: 10).isEmpty)
    }

    @Test func keysFollowTheCause() {
        let maker = NotificationEvents(node: "n", now: Date(timeIntervalSince1970: 0), zone: .gmt)
        let record = { (at: Double) in AppliedRecord(revision: "r", configSHA256: "c", keyFingerprint: nil, at: Date(timeIntervalSince1970: at),
                                                    users: [], evaluations: []) }
        let event = UserEvent.transition(user: "alice", from: .active, to: .limited, reason: "x")
        let a = maker.users([event], evaluations: [], previous: record(1)).map(\.key)
        let b = maker.users([event], evaluations: [], previous: record(1)).map(\.key)
        let c = maker.users([event], evaluations: [], previous: record(2)).map(\.key)
        let d = maker.users([.transition(user: "alice", from: .active, to: .expired, reason: "x")], evaluations: [], previous: record(1)).map(\.key)
        #expect(a == b && a != c && a != d && a.first?.count == 32)
    }
}
