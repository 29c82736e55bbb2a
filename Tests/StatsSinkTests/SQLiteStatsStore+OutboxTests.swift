import Foundation
import StatsSink
import Testing

/// The outbox: one row per key, per-sink delivery in order, retries, depth, and survival across a reopen.
struct SQLiteStatsStoreOutboxTests {
    static func event(_ key: String, kind: String = "limited", at: Double = 1_000) -> OutboxEvent {
        OutboxEvent(key: key, node: "n1", kind: kind, user: "alice", fields: ["used": "5 GiB"], created: Date(timeIntervalSince1970: at))
    }

    func temporaryStore() throws -> (SQLiteStatsStore, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID().uuidString).sqlite").path
        return (try SQLiteStatsStore(path: path), path)
    }

    @Test func theSameKeyIsQueuedOnce() async throws {
        let store = try SQLiteStatsStore(inMemoryWith: .init())
        try await store.registerSink("s", at: Date())
        #expect(try await store.enqueue([Self.event("a"), Self.event("b")]) == 2)
        #expect(try await store.enqueue([Self.event("a"), Self.event("c")]) == 1)
        #expect(try await store.pending(sink: "s", limit: 10).map(\.event.key) == ["a", "b", "c"])
        #expect(try await store.pending(sink: "s", limit: 10).first?.event.fields == ["used": "5 GiB"])
    }

    @Test func eachSinkGetsEveryEventOnceInOrderAndANewSinkOnlyLaterOnes() async throws {
        let store = try SQLiteStatsStore(inMemoryWith: .init())
        try await store.registerSink("early", at: Date())
        _ = try await store.enqueue([Self.event("1"), Self.event("2")])
        try await store.registerSink("late", at: Date())
        try await store.registerSink("early", at: Date())
        _ = try await store.enqueue([Self.event("3")])
        #expect(try await store.pending(sink: "late", limit: 10).map(\.event.key) == ["3"])
        let first = try #require(try await store.pending(sink: "early", limit: 10).first)
        try await store.markDelivered(first.id, sink: "early", at: Date())
        #expect(try await store.pending(sink: "early", limit: 10).map(\.event.key) == ["2", "3"])
        #expect(try await store.outboxDepth(sinks: ["early", "late"]) == 3)
        #expect(try await store.outboxDepth(sinks: ["late"]) == 1)
    }

    @Test func aFailedAttemptKeepsItsPlaceAndCountsAttemptsAndAGivenUpOneLeaves() async throws {
        let store = try SQLiteStatsStore(inMemoryWith: .init())
        try await store.registerSink("s", at: Date())
        _ = try await store.enqueue([Self.event("1"), Self.event("2")])
        let head = try #require(try await store.pending(sink: "s", limit: 10).first)
        let retry = Date(timeIntervalSince1970: 5_000)
        try await store.markFailed(head.id, sink: "s", error: "HTTP 502", retryAt: retry, at: Date())
        try await store.markFailed(head.id, sink: "s", error: "HTTP 502", retryAt: retry, at: Date())
        let again = try await store.pending(sink: "s", limit: 10)
        #expect(again.first?.event.key == "1" && again.first?.attempts == 2 && again.first?.notBefore == retry)
        try await store.markFailed(head.id, sink: "s", error: "400 chat not found", retryAt: nil, at: Date())
        #expect(try await store.pending(sink: "s", limit: 10).map(\.event.key) == ["2"])
        #expect(try await store.outboxDepth(sinks: ["s"]) == 1)
    }

    @Test func theOutboxSurvivesAReopenAndPrunesOldEvents() async throws {
        let (store, path) = try temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await store.registerSink("s", at: Date())
        _ = try await store.enqueue([Self.event("old", at: 100), Self.event("new", kind: "reconcile_failing", at: 10_000)])
        let reopened = try SQLiteStatsStore(path: path)
        #expect(try await reopened.pending(sink: "s", limit: 10).map(\.event.key) == ["old", "new"])
        #expect(try await reopened.latestEvent(node: "n1", kinds: ["reconcile_failing", "reconcile_recovered"])?.key == "new")
        #expect(try await reopened.latestEvent(node: "n2", kinds: ["reconcile_failing"]) == nil)
        #expect(try await reopened.pruneOutbox(before: Date(timeIntervalSince1970: 1_000)) == 1)
        #expect(try await reopened.pending(sink: "s", limit: 10).map(\.event.key) == ["new"])
    }
}
