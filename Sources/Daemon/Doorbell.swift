import Foundation

/// A wake-up that one task waits for and anyone rings; rings while nobody waits are kept (as one).
/// Waiting ends on a ring or on cancellation.
public final class Doorbell: @unchecked Sendable {
    private let lock = NSLock()
    private var rung = false
    private var waiter: (id: UInt64, continuation: CheckedContinuation<Bool, Never>)?
    /// Waits cancelled before they were registered, by id.
    private var cancelled: Set<UInt64> = []
    private var nextID: UInt64 = 0

    /// Creates a silent doorbell.
    public init() {}

    /// Wakes the waiter, or the next one to wait.
    public func ring() {
        let continuation = lock.withLock { () -> CheckedContinuation<Bool, Never>? in
            guard let waiter else { rung = true; return nil }
            self.waiter = nil
            return waiter.continuation
        }
        continuation?.resume(returning: true)
    }

    /// Forgets a pending ring (its reason was taken already).
    func clear() {
        lock.withLock { rung = false }
    }

    /// Returns at the next ring (at once if one is pending): true; or when the task is cancelled: false.
    @discardableResult
    public func wait() async -> Bool {
        let id = lock.withLock { () -> UInt64 in
            nextID += 1
            return nextID
        }
        let rang = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let now = lock.withLock { () -> Bool? in
                    if cancelled.remove(id) != nil { return false }
                    if rung { rung = false; return true }
                    waiter = (id, continuation)
                    return nil
                }
                if let now { continuation.resume(returning: now) }
            }
        } onCancel: {
            let continuation = lock.withLock { () -> CheckedContinuation<Bool, Never>? in
                guard let waiter, waiter.id == id else {
                    cancelled.insert(id)
                    return nil
                }
                self.waiter = nil
                return waiter.continuation
            }
            continuation?.resume(returning: false)
        }
        lock.withLock { _ = cancelled.remove(id) }
        return rang
    }

    /// Waits for a ring or `timeout` on `clock`, whichever is first; true when a ring came (also one
    /// that came just as the timeout did: it is never lost).
    public func wait(upTo timeout: Duration, clock: any Clock<Duration>) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { await self.wait() }
            group.addTask {
                try? await clock.sleep(for: timeout, tolerance: nil)
                return false
            }
            var rang = false
            for await result in group {
                rang = rang || result
                group.cancelAll()
            }
            return rang
        }
    }
}
