import Foundation
import ServiceLifecycle
import UnixSignals

/// SIGHUP rings the reconcile loop (a tick now), as a service of the group.
struct SignalTrigger: Service {
    let triggers: TriggerQueue

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            triggers.fire(.signal)
        }
    }
}
