import Foundation

/// Runs blocking work (SQLite opening, sockets, subprocesses, large file writes, renders of 100,000
/// users) on a thread of its own, off Swift's cooperative pool, and resumes the caller when it is done.
///
/// A new thread per call rather than a dispatch queue: Dispatch's global queues are as wide as the
/// machine has cores, so a few blocked calls would also hold up every timer scheduled there (the
/// socket watchdog that enforces network deadlines among them).
public enum BlockingWork {
    /// The result of `work`, run on a thread of its own.
    public static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            start { continuation.resume(returning: work()) }
        }
    }

    /// The result of `work`, run on a thread of its own; its error is rethrown.
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            start { continuation.resume(with: Result { try work() }) }
        }
    }

    private static func start(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.name = "telemt-gitops.blocking"
        thread.stackSize = 8 << 20
        thread.start()
    }
}
