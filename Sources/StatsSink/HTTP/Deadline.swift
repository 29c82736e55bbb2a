#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A point on the monotonic clock after which an exchange has timed out.
struct Deadline {
    let seconds: Double
    private let end: UInt64

    init(seconds: Double) {
        self.seconds = seconds
        end = Self.now() &+ UInt64(max(0, seconds) * 1_000_000_000)
    }

    /// Milliseconds left for `poll`, or a timeout error when none are.
    func remainingMilliseconds() throws(ScrapeError.Reason) -> Int32 {
        let now = Self.now()
        guard now < end else { throw .timedOut(seconds: seconds) }
        return Int32(clamping: (end - now + 999_999) / 1_000_000)
    }

    private static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}
