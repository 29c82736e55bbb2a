import Foundation
import StatsSink

extension TickRun {
    /// Adds the tick's notifications to the store's outbox, after the config is written and before
    /// the applied record is: a process killed in between finds the same changes against the same
    /// record on the next tick, whose events have the same keys and add nothing. Nothing is queued
    /// without a configured sink.
    func enqueueNotifications(_ report: TickReport, evaluations: [UserEvaluation], tick: FullTick,
                              writtenSHA256: String) async throws(EngineError) {
        guard configuration.notify.hasSinks else { return }
        let maker = NotificationEvents(node: configuration.node, now: now, zone: tick.checked.state.timeZone)
        var events = tick.applied.map { maker.users(report.events, evaluations: evaluations, previous: $0) } ?? []
        if report.outcome == .applied { events += maker.node(report, writtenSHA256: writtenSHA256, diskSHA256: tick.disk?.sha256) }
        do {
            _ = try await tick.store.enqueue(events)
        } catch {
            throw EngineError(.store, path: configuration.storePath, "notifications not queued: \(error)",
                              hint: "the config is written; the next tick queues them again")
        }
    }
}
