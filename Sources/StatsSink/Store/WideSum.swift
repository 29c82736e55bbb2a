/// A byte sum that can neither trap nor wrap: a 128-bit two's-complement value in two words, and
/// whether a saturated bucket (stored as `Int64.max`, "at least 8 EiB") went into it.
///
/// Stored buckets are never negative and never above `Int64.max`, so any realistic number of
/// additions and subtractions stays exact; ``value`` clamps the result to `0...Int64.max`.
struct WideSum: Equatable {
    private var low: UInt64 = 0
    private var high: Int64 = 0
    /// Whether a saturated bucket was added or subtracted.
    private(set) var saturated = false

    /// The largest stored byte count: 2⁶³ − 1 bytes, 8 EiB. Sums at or above it saturate here.
    static let ceiling = UInt64(Int64.max)

    /// Adds (`sign` ≥ 0) or subtracts one stored bucket value (negative values count as 0).
    mutating func add(_ value: Int64, sign: Int64 = 1) {
        if value == .max { saturated = true }
        let magnitude = UInt64(clamping: value)
        if sign >= 0 {
            let (sum, carry) = low.addingReportingOverflow(magnitude)
            low = sum
            if carry { high &+= 1 }
        } else {
            let (difference, borrow) = low.subtractingReportingOverflow(magnitude)
            low = difference
            if borrow { high &-= 1 }
        }
    }

    /// The sum clamped to `0...Int64.max`; `Int64.max` when a saturated bucket went into it.
    var value: UInt64 {
        if saturated || high > 0 || (high == 0 && low > Self.ceiling) { return Self.ceiling }
        return high < 0 ? 0 : low
    }

    /// Whether nothing but zeros went into it (as far as the sum shows).
    var isZero: Bool { low == 0 && high == 0 && !saturated }
}
