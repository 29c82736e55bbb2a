import Crypto
@testable import Daemon
import Foundation
import Logging
import StatsSink
import Testing
import TestSupport

/// The daemon's pieces against what a hostile or broken world sends them: absurd numbers from a
/// receiver, a store that stops taking writes, a captured webhook sent again.
struct HostileInputTests {
    static let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// An outbox of one event whose deliveries cannot be recorded while `failing` is set (a full
    /// disk, a store locked by another writer past its busy timeout, a read-only remount).
    final class FlakyOutbox: NotificationOutbox, @unchecked Sendable {
        private let lock = NSLock()
        private var delivered: Set<Int64> = []
        private var failingWrites = true
        let event = OutboxEvent(key: "k1", node: "n1", kind: "disabled", user: "bob", fields: [:], created: Date())

        var failing: Bool {
            get { lock.withLock { failingWrites } }
            set { lock.withLock { failingWrites = newValue } }
        }

        func enqueue(_ events: [OutboxEvent]) async throws(StatsStoreError) -> Int { 0 }
        func registerSink(_ sink: String, at now: Date) async throws(StatsStoreError) {}
        func pending(sink: String, limit: Int) async throws(StatsStoreError) -> [OutboxEntry] {
            lock.withLock { delivered.contains(1) ? [] : [OutboxEntry(id: 1, event: event)] }
        }
        func markDelivered(_ id: Int64, sink: String, at now: Date) async throws(StatsStoreError) {
            let failed = lock.withLock { () -> Bool in
                if failingWrites { return true }
                delivered.insert(id)
                return false
            }
            if failed { throw StatsStoreError(operation: "record notification delivery", path: "stats.sqlite", message: "database or disk is full") }
        }
        func markFailed(_ id: Int64, sink: String, error: String, retryAt: Date?, at now: Date) async throws(StatsStoreError) {}
        func outboxDepth(sinks: [String]) async throws(StatsStoreError) -> Int { 0 }
        func latestEvent(node: String, kinds: [String]) async throws(StatsStoreError) -> OutboxEvent? { nil }
        func pruneOutbox(before cutoff: Date) async throws(StatsStoreError) -> Int { 0 }
    }

    /// A sink that takes everything and counts.
    final class CountingSink: NotificationSink, @unchecked Sendable {
        let name = "telegram:-100"
        private let lock = NSLock()
        private var count = 0
        var received: Int { lock.withLock { count } }

        func deliver(_ entry: OutboxEntry, text: String) async -> DeliveryResult {
            lock.withLock { count += 1 }
            return .delivered
        }
    }

    /// The receiver took the event, but the store would not record it: the dispatcher must not send
    /// it again every few seconds while the store is away, and records it once the store is back.
    @Test func aDeliveryTheStoreCouldNotRecordIsNotSentAgain() async throws {
        let outbox = FlakyOutbox(), sink = CountingSink()
        let dispatcher = OutboxDispatcher(outbox: outbox, sinks: [sink], language: .en, metrics: DaemonMetrics(), logger: Self.logger)
        for _ in 0..<5 { _ = await dispatcher.deliverDue(sink, logger: Self.logger) }
        #expect(sink.received == 1, "one message per event, not one per pass while the store fails: \(sink.received)")
        outbox.failing = false
        _ = await dispatcher.deliverDue(sink, logger: Self.logger)
        #expect(sink.received == 1)
        #expect(try await outbox.pending(sink: sink.name, limit: 50).isEmpty, "the delivery is recorded once the store takes writes")
    }

    /// Telegram's `retry_after` read as a number of any size: a huge one waits the longest (1 h), not
    /// the shortest (1 s, which is what a huge value wrapped around to), and a negative one 1 s.
    @Test(arguments: [("1e30", 3_600), ("18446744073709551616", 3_600), ("18446744073709551615", 3_600), ("-1e30", 1), ("-7", 1),
                      ("30", 30)])
    func aHugeOrNegativeRetryAfterIsClampedToTheRange(retryAfter: String, seconds: Int64) {
        let body = Array(#"{"ok":false,"error_code":429,"description":"Too Many Requests","parameters":{"retry_after":\#(retryAfter)}}"#.utf8)
        let result = TelegramSink.judge(OutboundHTTP.Answer(status: 429, headers: [:], body: body))
        guard case .retry(let after, _) = result else { Issue.record("\(result)"); return }
        #expect(after == .seconds(seconds), "retry_after \(retryAfter) waits \(String(describing: after))")
    }

    /// Traffic counters near 2^64 (a telemt counter gone wild): the recorded-bytes counter saturates
    /// instead of wrapping to a negative total.
    @Test func recordedBytesNear2To64NeverMakeTheCounterGoBack() {
        let metrics = DaemonMetrics()
        func total() -> Double? {
            let text = String(decoding: metrics.exposition(), as: UTF8.self)
            let line = text.split(separator: "\n").first { $0.hasPrefix("telemt_gitops_recorded_bytes_total ") }
            return line.flatMap { $0.split(separator: " ").last }.flatMap { Double($0) }
        }
        var last = 0.0
        for bytes: UInt64 in [1_000, .max, .max - 1, 1 << 63, 5] {
            metrics.scrape(bytes: bytes, failed: false)
            let now = total() ?? -1
            #expect(now >= last, "after adding \(bytes) the counter went from \(last) to \(now)")
            last = now
        }
    }

    /// A captured, validly signed push sent again under a delivery id of the attacker's choosing (the
    /// id is not covered by the signature): refused as a replay, like the same id would be.
    @Test func aSignedBodyReplayedUnderANewDeliveryIdIsRefused() {
        let secret = Array("s3cret".utf8)
        let endpoint = WebhookEndpoint(secret: SecretFile(bytes: secret), tracked: .branch("main"), ownCommits: OwnCommits())
        let body = Array(#"{"ref":"refs/heads/main","after":"0123456789abcdef0123456789abcdef01234567"}"#.utf8)
        let signature = "sha256=" + HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: secret)).map { String(format: "%02x", $0) }.joined()
        func send(_ delivery: String) -> WebhookEndpoint.Response {
            let headers = ["x-hub-signature-256": signature, "x-github-delivery": delivery]
            return endpoint.handle(header: { headers[$0] }, body: body)
        }
        #expect(send("d-1").status == 202)
        #expect(send("d-1").status == 409)
        let replay = send("d-2-forged")
        #expect(replay.status == 409 && replay.result == "replayed", "\(replay)")
    }

    /// A receiver that sends its headers at once and then its body a byte every second: the attempt
    /// ends within the time it is given in all (15 s in the daemon), not when the body is complete.
    @Test func aReceiverThatDripsItsAnswerIsCutOffAtTheTotalTimeout() async throws {
        let server = try PythonTestServer(script: #"""
            import http.server, os, socketserver, sys, threading, time
            DIRECTORY = sys.argv[1]
            class Handler(http.server.BaseHTTPRequestHandler):
                def log_message(self, *args):
                    pass
                def do_POST(self):
                    self.rfile.read(int(self.headers.get("Content-Length", "0")))
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", "300")
                    self.end_headers()
                    self.wfile.flush()
                    try:
                        for _ in range(300):
                            self.wfile.write(b" "); self.wfile.flush(); time.sleep(1)
                    except OSError:
                        pass
            """# + PythonTestServer.serveForever, files: [:])
        defer { server.stop() }
        let http = OutboundHTTP(total: .seconds(2))
        let sink = try TelegramSink(base: server.url(""), token: SecretFile(bytes: Array("1:T".utf8)), chat: "-100", http: http)
        let entry = OutboxEntry(id: 1, event: OutboxEvent(key: "k", node: "n1", kind: "disabled", user: "bob", fields: [:], created: Date()))
        let start = ContinuousClock.now
        let result = await sink.deliver(entry, text: "bob is disabled on n1.")
        let took = ContinuousClock.now - start
        await http.shutdown()
        // The body takes 300 s; 2 s plus room for a test runner whose threads other suites keep busy.
        #expect(took < .seconds(150), "the attempt took \(took)")
        guard case .retry = result else { Issue.record("\(result)"); return }
    }

    /// One event that waits, as a failed attempt left it, until `notBefore`.
    final class WaitingOutbox: NotificationOutbox, @unchecked Sendable {
        private let lock = NSLock()
        private var done = false
        let notBefore: Date
        init(notBefore: Date) { self.notBefore = notBefore }

        func enqueue(_ events: [OutboxEvent]) async throws(StatsStoreError) -> Int { 0 }
        func registerSink(_ sink: String, at now: Date) async throws(StatsStoreError) {}
        func pending(sink: String, limit: Int) async throws(StatsStoreError) -> [OutboxEntry] {
            let event = OutboxEvent(key: "k1", node: "n1", kind: "disabled", user: "bob", fields: [:], created: Date())
            return lock.withLock { done ? [] : [OutboxEntry(id: 1, event: event, attempts: 1, notBefore: notBefore)] }
        }
        func markDelivered(_ id: Int64, sink: String, at now: Date) async throws(StatsStoreError) { lock.withLock { done = true } }
        func markFailed(_ id: Int64, sink: String, error: String, retryAt: Date?, at now: Date) async throws(StatsStoreError) {}
        func outboxDepth(sinks: [String]) async throws(StatsStoreError) -> Int { 0 }
        func latestEvent(node: String, kinds: [String]) async throws(StatsStoreError) -> OutboxEvent? { nil }
        func pruneOutbox(before cutoff: Date) async throws(StatsStoreError) -> Int { 0 }
    }

    /// The wall clock stepped back two days after a failed attempt set its retry (`notBefore` is wall
    /// time): no retry is ever set more than an hour ahead, so the event is due now, not in two days,
    /// holding back every later event of the sink meanwhile.
    @Test func aRetryFarBeyondTheLongestWaitAfterAClockStepIsDueNow() async throws {
        let outbox = WaitingOutbox(notBefore: Date().addingTimeInterval(2 * 86_400)), sink = CountingSink()
        let dispatcher = OutboxDispatcher(outbox: outbox, sinks: [sink], language: .en, metrics: DaemonMetrics(), logger: Self.logger)
        let pause = await dispatcher.deliverDue(sink, logger: Self.logger)
        #expect(sink.received == 1, "the head waits \(String(describing: pause)) for a retry set before the clock stepped back")
        let soon = WaitingOutbox(notBefore: Date().addingTimeInterval(30)), other = CountingSink()
        let second = OutboxDispatcher(outbox: soon, sinks: [other], language: .en, metrics: DaemonMetrics(), logger: Self.logger)
        let wait = await second.deliverDue(other, logger: Self.logger)
        #expect(other.received == 0 && wait != nil && wait! <= .seconds(31), "a retry within the longest wait still waits")
    }
}
