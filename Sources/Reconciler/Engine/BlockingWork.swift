import Dispatch

/// Runs blocking work (libgit2, SQLite, sockets, subprocesses) on a Dispatch thread, off Swift's
/// cooperative pool, and resumes the caller when it is done.
enum BlockingWork {
    private static let queue = DispatchQueue(label: "telemt-gitops.blocking", attributes: .concurrent)

    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }

    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }
}
