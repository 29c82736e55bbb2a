import Foundation

/// A wake-up that one task waits for and anyone rings; rings while nobody waits are kept (as one).
/// Waiting ends on a ring or on cancellation.
public final class Doorbell: @unchecked Sendable {
    private let lock = NSLock()
    private var rung = false
    private var waiter: CheckedContinuation<Void, Never>?

    /// Creates a silent doorbell.
    public init() {}

    /// Wakes the waiter, or the next one to wait.
    public func ring() {
        let continuation = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            guard let waiter else { rung = true; return nil }
            self.waiter = nil
            return waiter
        }
        continuation?.resume()
    }

    /// Returns at the next ring (at once if one is pending), or when the task is cancelled.
    public func wait() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = lock.withLock { () -> Bool in
                    if rung || Task.isCancelled { rung = false; return true }
                    waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let continuation = lock.withLock { () -> CheckedContinuation<Void, Never>? in
                defer { waiter = nil }
                return waiter
            }
            continuation?.resume()
        }
    }

    /// Waits for a ring or `timeout` on `clock`, whichever is first; true when it was a ring.
    public func wait(upTo timeout: Duration, clock: any Clock<Duration>) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { await self.wait(); return true }
            group.addTask {
                try? await clock.sleep(for: timeout, tolerance: nil)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}
