@testable import Daemon
import Foundation
import Logging
import ServiceLifecycle
import ServiceLifecycleTestKit
import StatsSink
import Testing
import TestSupport

/// The dispatcher against the loopback Telegram stand-in: one message per event, through an outage
/// and a 429, and none again after a restart.
@Suite(.serialized)
struct OutboxDispatcherTests {
    static let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    static func events(_ count: Int, from: Int = 0) -> [OutboxEvent] {
        (from..<from + count).map { OutboxEvent(key: "k\($0)", node: "n1", kind: "limited", user: "user\($0)",
                                               fields: ["used": "5 GiB", "limit": "5 GiB", "reason": "used 5 GiB of 5 GiB"], created: Date()) }
    }

    /// Runs a dispatcher until `done` holds (or 120 s: other suites may keep the runner's threads
    /// busy), then shuts it down gracefully.
    static func dispatch(_ store: SQLiteStatsStore, telegram: TelegramStandIn, http: OutboundHTTP, until done: @escaping @Sendable () -> Bool) async throws {
        let sink = try TelegramSink(base: telegram.baseURL, token: SecretFile(bytes: Array("123:ABC".utf8)), chat: "-100", http: http)
        var dispatcher = OutboxDispatcher(outbox: store, sinks: [sink], language: .en, metrics: DaemonMetrics(), logger: logger)
        dispatcher.poll = .milliseconds(200)
        let running = dispatcher
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await running.run() }
                let deadline = Date().addingTimeInterval(120)
                while !done(), Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
    }

    @Test func everyEventArrivesOnceThroughAnOutageAndA429() async throws {
        let telegram = try TelegramStandIn(token: "123:ABC")
        defer { telegram.stop() }
        let http = OutboundHTTP()
        let store = try SQLiteStatsStore(inMemoryWith: .init())
        try await store.registerSink("telegram:-100", at: Date())
        _ = try await store.enqueue(Self.events(3))
        try telegram.set(mode: "down")
        try await Self.dispatch(store, telegram: telegram, http: http) { true }
        #expect(telegram.messages.isEmpty)
        try telegram.set(mode: "429:1")
        let delivered = { @Sendable in telegram.messages.count >= 3 }
        try await Self.dispatch(store, telegram: telegram, http: http, until: delivered)
        #expect(telegram.throttled == 1)
        _ = try await store.enqueue(Self.events(2, from: 3) + Self.events(3))
        try await Self.dispatch(store, telegram: telegram, http: http) { telegram.messages.count >= 5 }
        try await Task.sleep(for: .milliseconds(500))
        let texts = telegram.messages.compactMap { $0["text"] as? String }
        #expect(texts.count == 5 && Set(texts).count == 5, "\(texts)")
        #expect(texts.first?.contains("user0 is limited on n1") == true)
        #expect(telegram.messages.allSatisfy { ($0["chat_id"] as? Int) == -100 })
        #expect(try await store.outboxDepth(sinks: ["telegram:-100"]) == 0)
        await http.shutdown()
    }

    /// A shutdown while a message is on its way: the delivery finishes and is recorded, so the next
    /// start does not send it again.
    @Test func aShutdownMidDeliveryRecordsItAndDoesNotSendItAgain() async throws {
        let telegram = try TelegramStandIn(token: "123:ABC")
        defer { telegram.stop() }
        let http = OutboundHTTP()
        let store = try SQLiteStatsStore(inMemoryWith: .init())
        try await store.registerSink("telegram:-100", at: Date())
        _ = try await store.enqueue(Self.events(1))
        try telegram.set(mode: "slow:1")
        let started = Date()
        // Stopped once the message is on its way (the stand-in answers a second later), however busy the machine.
        try await Self.dispatch(store, telegram: telegram, http: http) { telegram.received > 0 || Date().timeIntervalSince(started) > 20 }
        #expect(telegram.received == 1)
        #expect(telegram.messages.count == 1)
        #expect(try await store.outboxDepth(sinks: ["telegram:-100"]) == 0, "the delivery under way was recorded")
        try telegram.set(mode: "ok")
        try await Self.dispatch(store, telegram: telegram, http: http) { Date().timeIntervalSince(started) > 2 }
        #expect(telegram.messages.count == 1, "and not sent again")
        await http.shutdown()
    }

    @Test func aWrongTokenKeepsEventsWaitingAndABadChatGivesThemUp() async throws {
        let telegram = try TelegramStandIn(token: "right")
        defer { telegram.stop() }
        let http = OutboundHTTP()
        let sink = try TelegramSink(base: telegram.baseURL, token: SecretFile(bytes: Array("wrong".utf8)), chat: "-1", http: http)
        let entry = OutboxEntry(id: 1, event: Self.events(1)[0])
        guard case .retry(let after, let reason) = await sink.deliver(entry, text: "t") else { Issue.record("not a retry"); return }
        #expect(after == .seconds(300) && reason.contains("token_file") && !reason.contains("wrong"))
        #expect(TelegramSink.judge(.init(status: 400, headers: [:], body: Array(#"{"ok":false,"description":"Bad Request: chat not found"}"#.utf8)))
                == .rejected(reason: "400: Bad Request: chat not found; check notify.telegram.chats"))
        #expect(TelegramSink.judge(.init(status: 429, headers: [:], body: Array(#"{"ok":false,"parameters":{"retry_after":7}}"#.utf8)))
                == .retry(after: .seconds(7), reason: "429: HTTP 429"))
        await http.shutdown()
    }

    @Test func plainHTTPIsRefusedExceptToLoopback() {
        let http = OutboundHTTP()
        #expect(throws: DaemonError.self) { try TelegramSink(base: "http://api.telegram.org", token: .init(bytes: [1]), chat: "1", http: http) }
        #expect(throws: DaemonError.self) { try WebhookSink(url: "http://hooks.example.com/x", secret: .init(bytes: [1]), http: http) }
        #expect((try? WebhookSink(url: "http://127.0.0.1:9/x", secret: .init(bytes: [1]), http: http)) != nil)
    }
}
