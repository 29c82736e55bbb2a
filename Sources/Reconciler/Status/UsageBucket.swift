public import Spec

/// How usage is rounded in the status file, so that the file changes when usage crosses a step a
/// reviewer cares about, not on every scrape.
///
/// With a limit: steps of 1 % of the limit (the 80 %, 95 % and 100 % marks are exact steps, and a
/// `plan` in CI that lowers a limit decides "becomes limited" from usage at most 1 % of the old limit
/// low). Without a limit: 1/16 of the largest power of two not above the usage (at most 6.25 % low).
public enum UsageBucket {
    /// `used` rounded down to its step.
    public static func floor(_ used: UInt64, limit: DataLimit) -> UInt64 {
        let step: UInt64
        if let bytes = limit.byteCount, bytes >= 100 {
            step = bytes / 100
        } else if used >= 16 {
            step = (UInt64(1) << (63 - used.leadingZeroBitCount)) / 16
        } else {
            return used
        }
        return used / step * step
    }
}
