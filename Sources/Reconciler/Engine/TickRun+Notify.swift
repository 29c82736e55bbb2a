import Foundation
import StatsSink

extension TickRun {
    /// Queues what is known before the config is written: drift about to be healed and a restart
    /// the new config needs. A process killed after this finds the same disk and the same render on
    /// the next tick, whose events have the same keys and add nothing.
    func enqueueBeforeWrite(_ report: TickReport, tick: FullTick, rendered: RenderedTick) async throws(EngineError) {
        guard configuration.notify.hasSinks, tick.disk?.bytes != rendered.bytes else { return }
        var planned = report
        planned.restartNeeded = TelemtConfigFile.change(from: tick.disk?.bytes, to: rendered.bytes).restartNeeded
        planned.reload = .unchanged
        let maker = NotificationEvents(node: configuration.node, now: now, zone: tick.checked.state.timeZone)
        try await enqueue(maker.node(planned, writtenSHA256: rendered.sha256, diskSHA256: tick.disk?.sha256), tick: tick)
    }

    /// Queues the users' events and an unconfirmed reload, after the config is written and before the
    /// applied record is: a process killed in between finds the same changes against the same record
    /// on the next tick, whose events have the same keys. (An unconfirmed reload of a killed tick is
    /// not seen again: the next tick finds the config already written.) Nothing is queued without a sink.
    func enqueueAfterWrite(_ report: TickReport, evaluations: [UserEvaluation], tick: FullTick,
                           writtenSHA256: String) async throws(EngineError) {
        guard configuration.notify.hasSinks else { return }
        let maker = NotificationEvents(node: configuration.node, now: now, zone: tick.checked.state.timeZone)
        var events = tick.applied.map { maker.users(report.events, evaluations: evaluations, previous: $0) } ?? []
        if report.reload == .unconfirmed {
            var reload = report
            reload.drift = nil
            reload.restartNeeded = []
            events += maker.node(reload, writtenSHA256: writtenSHA256, diskSHA256: tick.disk?.sha256)
        }
        try await enqueue(events, tick: tick)
    }

    private func enqueue(_ events: [OutboxEvent], tick: FullTick) async throws(EngineError) {
        do {
            _ = try await tick.store.enqueue(events)
        } catch {
            throw EngineError(.store, path: configuration.storePath, "notifications not queued: \(error)",
                              hint: "check the store; the next tick tries again")
        }
    }
}
