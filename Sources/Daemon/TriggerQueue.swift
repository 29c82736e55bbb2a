import Foundation

/// The reconcile loop's doorbell with reasons: anyone may ring it (the timer, a webhook, SIGHUP);
/// rings while a tick runs are merged into the one tick after it.
public final class TriggerQueue: @unchecked Sendable {
    let bell = Doorbell()
    private let lock = NSLock()
    private var pending: Set<TickTrigger> = []

    /// Creates an empty queue.
    public init() {}

    /// Asks for a tick.
    public func fire(_ trigger: TickTrigger) {
        lock.withLock {
            pending.insert(trigger)
            bell.ring()
        }
    }

    /// The triggers since the last call, and forgets them with their ring: triggers that came
    /// together are one tick, never one and then an empty one.
    func drain() -> Set<TickTrigger> {
        lock.withLock {
            defer { pending = [] }
            bell.clear()
            return pending
        }
    }
}
