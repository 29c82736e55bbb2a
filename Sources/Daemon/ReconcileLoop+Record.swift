import Foundation
import Logging
import Reconciler
import StatsSink

extension ReconcileLoop {
    /// Publishes what a tick did: the shared status (/readyz), the metrics, the notices of a run of
    /// failures, and a wake-up for the dispatcher when the tick may have queued events.
    func record(_ report: TickReport, next: LoopSchedule.Next, schedule: LoopSchedule) async {
        let failed: Bool
        if case .failed(let error) = report.outcome {
            failed = true
            status.update { $0.lastError = error.description; $0.lastOutcome = "failed" }
        } else {
            failed = false
            status.succeeded()
            status.update { state in
                state.lastError = nil
                state.lastOutcome = Self.outcomeName(report.outcome)
                state.revision = report.revision
                if !report.usersByState.isEmpty { state.usersByState = report.usersByState }
            }
            if let revision = report.revision { metrics.applied(revision: revision) }
            if !report.usersByState.isEmpty { metrics.users(report.usersByState) }
        }
        metrics.scrape(bytes: report.recordedBytes, failed: report.unreachable.contains("telemt"))
        let fleet = engine.fleetStoreHealth
        status.update { $0.fleetStore = fleet?.summary }
        if let fleet { metrics.fleetStore(spooled: fleet.spooled, reachable: fleet.reachable) }
        if let commit = report.statusCommit { ownCommits.add(commit) }
        var queued = !report.events.isEmpty || report.drift != nil || !report.restartNeeded.isEmpty || report.reload == .unconfirmed
        if let notice = next.notice { queued = await enqueue(notice) || queued }
        if queued, !failed || next.notice != nil { dispatcher?.wake() }
        logger.debug("next tick", metadata: ["in": "\(next.sleep)", "reason": "\(next.reason.rawValue)"])
    }

    /// Queues a notice of the schedule; true when one was queued.
    private func enqueue(_ notice: LoopSchedule.Notice) async -> Bool {
        switch notice {
        case .failing(let message, _): logger.error("reconcile failing", metadata: ["error": "\(message)"])
        case .recovered(_, let failures): logger.notice("reconcile recovered", metadata: ["failed_ticks": "\(failures)"])
        }
        guard let outbox, engine.configuration.notify.hasSinks else { return false }
        let node = engine.configuration.node, zone = TimeZone.gmt
        let event: OutboxEvent
        switch notice {
        case .failing(let message, let since):
            event = OutboxEvent(key: Self.key("failing|\(node)|\(since.timeIntervalSince1970)"), node: node, kind: "reconcile_failing",
                                fields: ["error": String(message.prefix(300)), "since": InstantFormat.string(since, timeZone: zone)], created: since)
        case .recovered(let since, let failures):
            event = OutboxEvent(key: Self.key("recovered|\(node)|\(since.timeIntervalSince1970)"), node: node, kind: "reconcile_recovered",
                                fields: ["failures": "\(failures)", "since": InstantFormat.string(since, timeZone: zone)], created: Date())
        }
        do {
            return try await outbox.enqueue([event]) > 0
        } catch {
            logger.error("notice not queued", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// The start of a run of failures from before a restart, so that it is not announced twice.
    func resumedFailure() async -> Date? {
        guard let outbox else { return nil }
        let last = try? await outbox.latestEvent(node: engine.configuration.node, kinds: ["reconcile_failing", "reconcile_recovered"])
        guard let last, last.kind == "reconcile_failing" else { return nil }
        return last.created
    }

    /// The report in log lines: data in metadata, never a secret (reports hold none).
    func log(_ report: TickReport, logger: Logger, took: Duration) {
        var metadata: Logger.Metadata = ["took": "\(took)"]
        if let revision = report.revision { metadata["commit"] = "\(revision.prefix(12))" }
        if let plan = report.plan { metadata["changes"] = "\(plan.changes.count)" }
        for note in report.notes { logger.notice("\(note)", metadata: metadata) }
        if let drift = report.drift { logger.warning("drift healed", metadata: metadata.merging(["detail": "\(drift.summary)"]) { a, _ in a }) }
        switch report.outcome {
        case .applied:
            logger.info("applied", metadata: metadata.merging(["reload": "\(report.reload.rawValue)"]) { a, _ in a })
            for change in report.plan?.changes.prefix(50) ?? [] { logger.info("change", metadata: ["change": "\(change.line)"]) }
        case .unchanged:
            logger.debug("up to date", metadata: metadata)
        case .failed(let error):
            logger.error("tick failed; the last good config keeps serving",
                         metadata: metadata.merging(["error": "\(error.description)", "class": "\(error.code.reaction.rawValue)"]) { a, _ in a })
        }
        if let written = report.statusWritten { logger.info("status written", metadata: ["where": "\(written)"]) }
    }

    static func key(_ cause: String) -> String { OutboxKey.make(cause) }
}

