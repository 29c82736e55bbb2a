import Foundation
public import Logging
public import ServiceLifecycle
public import StatsSink

/// Delivers the outbox: one loop per sink, events in order, each once; a failed delivery is retried
/// (after the receiver's `retry_after`, else with backoff from 2 s to 10 min) and blocks the later
/// events of that sink only. Woken after a tick queued events, and every few seconds for retries.
public struct OutboxDispatcher: Service {
    let outbox: any NotificationOutbox
    let sinks: [any NotificationSink]
    let language: NotificationLanguage
    let metrics: DaemonMetrics
    let logger: Logger
    let clock: any Clock<Duration>
    let bells: [Doorbell]
    /// Deliveries the receiver took that the store could not record yet: never sent again.
    let unrecorded = UnrecordedDeliveries()
    /// How often a sink looks for due events without a wake-up.
    var poll: Duration = .seconds(5)
    /// How long events are kept (delivered or not).
    var keep: TimeInterval = 7 * 86_400

    /// Creates a dispatcher.
    public init(outbox: any NotificationOutbox, sinks: [any NotificationSink], language: NotificationLanguage, metrics: DaemonMetrics,
                logger: Logger, clock: any Clock<Duration> = ContinuousClock()) {
        self.outbox = outbox
        self.sinks = sinks
        self.language = language
        self.metrics = metrics
        self.logger = logger
        self.clock = clock
        bells = sinks.map { _ in Doorbell() }
    }

    /// Wakes every sink (events were queued).
    public func wake() {
        bells.forEach { $0.ring() }
    }

    /// Runs until graceful shutdown: a delivery under way then finishes and is recorded (a message
    /// the receiver took is not sent again after the restart), the waits end at once.
    public func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            for (sink, bell) in zip(sinks, bells) {
                group.addTask { await deliverForever(sink, bell: bell) }
            }
            group.addTask { await cancelWhenGracefulShutdown { await pruneForever() } }
        }
    }

    /// Whether the loops should stop.
    private var stopping: Bool { Task.isCancelled || Task.isShuttingDownGracefully }

    /// One sink's loop, until shutdown.
    private func deliverForever(_ sink: any NotificationSink, bell: Doorbell) async {
        var logger = logger
        logger[metadataKey: "sink"] = "\(sink.name)"
        while !stopping {
            do {
                try await outbox.registerSink(sink.name, at: Date())
                break
            } catch {
                logger.error("outbox unavailable", metadata: ["error": "\(error)"])
                await pause(bell, poll)
            }
        }
        while !stopping {
            let wait = await deliverDue(sink, logger: logger)
            await updateDepth()
            await pause(bell, wait.map { min($0, poll) } ?? poll)
        }
    }

    /// Waits for a wake-up or `duration`; graceful shutdown ends it at once.
    private func pause(_ bell: Doorbell, _ duration: Duration) async {
        _ = await cancelWhenGracefulShutdown { await bell.wait(upTo: duration, clock: clock) }
    }

    /// Delivers what is due; returns how long until the blocked head may be tried again, if one is.
    func deliverDue(_ sink: any NotificationSink, logger: Logger) async -> Duration? {
        guard let entries = try? await outbox.pending(sink: sink.name, limit: 50) else { return nil }
        for entry in entries {
            if stopping { return nil }
            let metadata: Logger.Metadata = ["event": "\(entry.event.kind)", "id": "\(entry.id)", "user": "\(entry.event.user ?? "-")"]
            if unrecorded.contains(entry.id, sink: sink.name) {
                // Delivered already; only the record is missing. Record it, never send it again.
                guard await record(entry, sink: sink, logger: logger, metadata: metadata) else { return poll }
                continue
            }
            // `notBefore` is wall time; no attempt sets one beyond ``longestWait``, so one further
            // ahead was set before the clock stepped back, and is due now.
            if let notBefore = entry.notBefore, notBefore > Date(), notBefore.timeIntervalSinceNow <= Self.longestWait + 60 {
                return .milliseconds(Int64(notBefore.timeIntervalSinceNow * 1_000) + 1)
            }
            let result = await sink.deliver(entry, text: NotificationText.render(entry.event, language: language))
            switch result {
            case .delivered:
                metrics.notification(sink: sink.name, result: "delivered")
                logger.info("notification delivered", metadata: metadata)
                unrecorded.insert(entry.id, sink: sink.name)
                // The later events wait until the store takes writes again.
                guard await record(entry, sink: sink, logger: logger, metadata: metadata) else { return poll }
            case .retry(let after, let reason):
                let wait = after ?? Self.backoff(attempts: entry.attempts)
                try? await outbox.markFailed(entry.id, sink: sink.name, error: reason, retryAt: Date().addingTimeInterval(LoopSchedule.seconds(wait)),
                                             at: Date())
                metrics.notification(sink: sink.name, result: "retry")
                logger.warning("notification not delivered; will retry", metadata: metadata.merging(["reason": "\(reason)", "retry_in": "\(wait)"]) { a, _ in a })
                return wait
            case .rejected(let reason):
                try? await outbox.markFailed(entry.id, sink: sink.name, error: reason, retryAt: nil, at: Date())
                metrics.notification(sink: sink.name, result: "dropped")
                logger.error("notification refused by the receiver; given up", metadata: metadata.merging(["reason": "\(reason)"]) { a, _ in a })
            }
        }
        return nil
    }

    /// Records a delivery the receiver took; false (logged) when the store would not take it, in
    /// which case it stays remembered in memory so that it is not sent again.
    private func record(_ entry: OutboxEntry, sink: any NotificationSink, logger: Logger, metadata: Logger.Metadata) async -> Bool {
        do {
            // In a task of its own: a shutdown that cancels this loop must not cancel the record of a
            // message the receiver already took.
            try await Task { [outbox] in try await outbox.markDelivered(entry.id, sink: sink.name, at: Date()) }.value
            unrecorded.remove(entry.id, sink: sink.name)
            return true
        } catch {
            logger.error("notification delivered but not recorded; it is not sent again", metadata: metadata.merging(["error": "\(error)"]) { a, _ in a })
            return false
        }
    }

    /// The longest retry any attempt asks for: a receiver's `retry_after` is capped at an hour.
    static let longestWait: TimeInterval = 3_600

    /// 2 s, 4 s, 8 s, … up to 10 min.
    static func backoff(attempts: Int) -> Duration {
        .seconds(min(600, 2 << min(attempts, 20)))
    }

    private func updateDepth() async {
        if let depth = try? await outbox.outboxDepth(sinks: sinks.map(\.name)) { metrics.outbox(depth: depth) }
    }

    /// Drops events older than ``keep``, hourly.
    private func pruneForever() async {
        while !Task.isCancelled {
            _ = try? await outbox.pruneOutbox(before: Date().addingTimeInterval(-keep))
            try? await clock.sleep(for: .seconds(3_600), tolerance: nil)
        }
    }
}

/// Deliveries taken by their receiver whose record the store refused (a full disk, a lock held past
/// the busy timeout): kept in memory until recorded, so the dispatcher records them instead of
/// sending them again. A restart forgets them, as it forgets an attempt cut off by a crash.
final class UnrecordedDeliveries: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: Set<String> = []

    func insert(_ id: Int64, sink: String) { _ = lock.withLock { entries.insert("\(sink)|\(id)") } }
    func remove(_ id: Int64, sink: String) { _ = lock.withLock { entries.remove("\(sink)|\(id)") } }
    func contains(_ id: Int64, sink: String) -> Bool { lock.withLock { entries.contains("\(sink)|\(id)") } }
}
