import Foundation

/// One call to the fleet store with a deadline: a store that does not answer (a server gone quiet,
/// a pool still trying to connect) fails the call after ``timeout`` instead of holding up the tick.
/// The call is cancelled and left behind; its answer, if one comes, is dropped. The deadline is the
/// engine's ``ReconcileEngine/fleetStoreTimeout`` (10 s).
enum FleetCall {
    /// The fleet store gave no answer in time.
    struct Timeout: Error, CustomStringConvertible {
        var seconds: Int64
        var description: String { "no answer within \(seconds) s" }
    }

    /// The result of `body`, or ``Timeout`` after `timeout`.
    static func run<T: Sendable>(timeout: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let once = Once<T>()
        let work = Task {
            do { once.resume(.success(try await body())) } catch { once.resume(.failure(error)) }
        }
        let timer = Task {
            try? await Task.sleep(for: timeout)
            once.resume(.failure(Timeout(seconds: timeout.components.seconds)))
            work.cancel()
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            await withCheckedContinuation { once.attach($0) }
        } onCancel: {
            work.cancel()
            once.resume(.failure(CancellationError()))
        }.get()
    }

    /// The first result of the work or the timer, handed to a continuation attached before or after it.
    private final class Once<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<Result<T, any Error>, Never>?
        private var early: Result<T, any Error>?
        private var done = false

        func attach(_ continuation: CheckedContinuation<Result<T, any Error>, Never>) {
            let ready = lock.withLock { () -> Result<T, any Error>? in
                guard let early else {
                    self.continuation = continuation
                    return nil
                }
                self.early = nil
                return early
            }
            if let ready { continuation.resume(returning: ready) }
        }

        func resume(_ value: Result<T, any Error>) {
            let waiting = lock.withLock { () -> CheckedContinuation<Result<T, any Error>, Never>? in
                guard !done else { return nil }
                done = true
                defer { continuation = nil }
                if continuation == nil { early = value }
                return continuation
            }
            waiting?.resume(returning: value)
        }
    }
}
