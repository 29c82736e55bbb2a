import Foundation

/// A continuation resumed by whichever of several tasks comes first; the others are ignored. A
/// value that comes before the continuation is attached is kept and handed over on attaching.
final class ResumeOnce<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Value, Never>?
    private var early: Value?
    private var done = false

    init() {}

    /// Attaches the continuation to resume; at once when a value came already.
    func attach(_ continuation: CheckedContinuation<Value, Never>) {
        let value = lock.withLock { () -> Value? in
            if done, let early { self.early = nil; return early }
            self.continuation = continuation
            return nil
        }
        if let value { continuation.resume(returning: value) }
    }

    func resume(_ value: Value) {
        let pending = lock.withLock { () -> CheckedContinuation<Value, Never>? in
            guard !done else { return nil }
            done = true
            defer { continuation = nil }
            if continuation == nil { early = value }
            return continuation
        }
        pending?.resume(returning: value)
    }
}
