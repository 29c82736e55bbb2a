import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The deadline of the network operation running on the current thread. libgit2 creates its sockets
/// synchronously on the calling thread, so the socket stream picks the deadline up from here.
enum NetworkDeadline {
    private static let deadlineKey = "telemt-gitops.network-deadline-ns"
    private static let idleKey = "telemt-gitops.network-idle-ms"
    private static let idleHitKey = "telemt-gitops.network-idle-hit"

    /// Nanoseconds of CLOCK_MONOTONIC.
    static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    /// Runs `body` with a deadline `timeout` from now and a per-read limit `idle` for sockets opened inside.
    static func run<T>(timeout: Duration, idle: Duration, _ body: () throws -> T) rethrows -> T {
        let dictionary = Thread.current.threadDictionary
        dictionary[deadlineKey] = NSNumber(value: now() + timeout.nanoseconds)
        dictionary[idleKey] = NSNumber(value: Int32(clamping: idle.nanoseconds / 1_000_000))
        dictionary[idleHitKey] = NSNumber(value: false)
        defer {
            dictionary.removeObject(forKey: deadlineKey)
            dictionary.removeObject(forKey: idleKey)
        }
        return try body()
    }

    /// The current thread's deadline (ns) and idle limit (ms); none outside ``run(timeout:idle:_:)``.
    static var current: (deadline: UInt64, idleMilliseconds: Int32)? {
        let dictionary = Thread.current.threadDictionary
        guard let deadline = dictionary[deadlineKey] as? NSNumber, let idle = dictionary[idleKey] as? NSNumber
        else { return nil }
        return (deadline.uint64Value, idle.int32Value)
    }

    /// Records that a read or write waited longer than the idle limit.
    static func markIdleTimeout() {
        Thread.current.threadDictionary[idleHitKey] = NSNumber(value: true)
    }

    /// Whether the last operation on this thread ran out of time (deadline passed or idle limit hit).
    static func expired(deadline: UInt64) -> Bool {
        let idleHit = (Thread.current.threadDictionary[idleHitKey] as? NSNumber)?.boolValue ?? false
        return idleHit || now() >= deadline
    }
}

extension Duration {
    /// Whole nanoseconds (negative durations count as zero).
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }

    /// Seconds as a floating-point number.
    var seconds: Double { Double(nanoseconds) / 1e9 }
}
