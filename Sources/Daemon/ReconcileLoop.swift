import Foundation
public import Logging
public import Reconciler
public import ServiceLifecycle
public import StatsSink

/// The reconcile loop as a service: a tick at start, then one per interval (with jitter), sooner at
/// the next state change, on a webhook or SIGHUP; backoff while failing (``LoopSchedule``). On
/// graceful shutdown a running tick is cancelled: it stops at its last safe point (before it writes)
/// or, stuck in a fetch, is left behind after ``shutdownGrace`` — every write is an atomic rename,
/// so the config on disk is the old or the new one, never torn.
public struct ReconcileLoop: Service {
    let engine: ReconcileEngine
    let triggers: TriggerQueue
    let status: DaemonStatus
    let metrics: DaemonMetrics
    let outbox: (any NotificationOutbox)?
    let dispatcher: OutboxDispatcher?
    let ownCommits: OwnCommits
    let logger: Logger
    let clock: any Clock<Duration>
    var settings: LoopSchedule.Settings
    /// How long a tick may run on after shutdown was asked for.
    var shutdownGrace: Duration = .seconds(5)
    /// Jitter's randomness.
    var random: @Sendable () -> Double = { Double.random(in: 0..<1) }

    /// Creates the loop.
    public init(engine: ReconcileEngine, triggers: TriggerQueue, status: DaemonStatus, metrics: DaemonMetrics,
                outbox: (any NotificationOutbox)?, dispatcher: OutboxDispatcher?, ownCommits: OwnCommits,
                logger: Logger, clock: any Clock<Duration> = ContinuousClock(), settings: LoopSchedule.Settings) {
        self.engine = engine
        self.triggers = triggers
        self.status = status
        self.metrics = metrics
        self.outbox = outbox
        self.dispatcher = dispatcher
        self.ownCommits = ownCommits
        self.logger = logger
        self.clock = clock
        self.settings = settings
    }

    public func run() async throws {
        var schedule = LoopSchedule(settings: settings, failingSince: await resumedFailure())
        triggers.fire(.start)
        var sleep = Duration.zero, reason = TickTrigger.start
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            let pause = sleep
            let rung = await cancelWhenGracefulShutdown { await triggers.bell.wait(upTo: pause, clock: clock) }
            guard !Task.isCancelled, !Task.isShuttingDownGracefully else { break }
            let reasons = rung ? triggers.drain() : triggers.drain().union([reason])
            guard let report = await tick(reasons) else { break }
            if case .failed(let error) = report.outcome, error.code == .abandoned { break }
            let next = schedule.finished(Self.result(report), nextChange: report.nextChange, at: Date(), random: random())
            await record(report, next: next, schedule: schedule)
            (sleep, reason) = (next.sleep, next.reason)
        }
        logger.info("reconcile loop stopped")
    }

    /// Runs one tick; nil when shutdown came and the tick did not end within the grace.
    private func tick(_ reasons: Set<TickTrigger>) async -> TickReport? {
        var logger = logger
        logger[metadataKey: "trigger"] = "\(reasons.sorted().map(\.rawValue).joined(separator: ","))"
        logger.debug("tick")
        status.update { $0.ticking = true }
        defer { status.update { $0.ticking = false } }
        let started = ContinuousClock.now
        let work = Task { await engine.tick() }
        // Not a task group: a group would wait for a tick stuck in a fetch; this returns without it.
        // Graceful shutdown gives the tick `shutdownGrace`; cancellation (the group's shutdown deadline
        // passed, say while the listener waited for a slow request) leaves it behind at once.
        let once = ResumeOnce<TickReport?>()
        let watcher = Task { [shutdownGrace] in
            do { try await gracefulShutdown() } catch { return }
            work.cancel()
            try? await Task.sleep(for: shutdownGrace)
            once.resume(nil)
        }
        Task {
            let report = await work.value
            watcher.cancel()
            once.resume(report)
        }
        let report: TickReport? = await withTaskCancellationHandler {
            await withCheckedContinuation { once.attach($0) }
        } onCancel: {
            work.cancel()
            watcher.cancel()
            once.resume(nil)
        }
        if let report {
            metrics.tick(result: Self.outcomeName(report.outcome), duration: ContinuousClock.now - started)
            log(report, logger: logger, took: ContinuousClock.now - started)
        } else {
            logger.warning("shutdown: the running tick was left behind at a safe point (every write is an atomic rename)")
        }
        return report
    }

    /// How the schedule sees a report.
    static func result(_ report: TickReport) -> LoopSchedule.Result {
        if case .failed(let error) = report.outcome { return .failed(error.code.reaction, message: error.description) }
        return report.unreachable.isEmpty ? .succeeded : .degraded(unreachable: report.unreachable)
    }

    static func outcomeName(_ outcome: TickReport.Outcome) -> String {
        switch outcome {
        case .applied: "applied"
        case .unchanged: "unchanged"
        case .failed: "failed"
        }
    }
}
