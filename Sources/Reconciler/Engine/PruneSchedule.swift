import Foundation

/// When this engine last pruned the store: a tick prunes at most once an hour (each prune moves the
/// retention watermarks, which would otherwise end every tick's memo), and again after a clock step back.
final class PruneSchedule: @unchecked Sendable {
    private let lock = NSLock()
    private var last: Date?

    func isDue(at now: Date) -> Bool {
        lock.withLock { last.map { now.timeIntervalSince($0) >= 3_600 || now < $0 } ?? true }
    }

    func pruned(at now: Date) {
        lock.withLock { last = now }
    }
}
