import Dispatch

/// Runs blocking work (libgit2, SQLite, sockets, subprocesses) on a Dispatch thread, off Swift's
/// cooperative pool, and resumes the caller when it is done.
public enum BlockingWork {
    private static let queue = DispatchQueue(label: "telemt-gitops.blocking", attributes: .concurrent)

    /// The result of `work`, run on a thread of its own.
    public static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }

    /// The result of `work`, run on a thread of its own; its error is rethrown.
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }
}
