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
        // Clamped to a day: any finite or infinite value is safe, NaN counts as no time at all.
        let nanoseconds = seconds.isNaN ? 0 : min(max(0, seconds), 86_400) * 1_000_000_000
        end = Self.now() &+ UInt64(nanoseconds)
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
