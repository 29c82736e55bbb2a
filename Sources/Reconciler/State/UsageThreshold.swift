/// A share of a user's data limit at which the notifier is told, such as 80 %.
///
/// Kept as parts per million so that comparisons with byte counts are exact: `used` has reached the
/// threshold when `used × 1,000,000 ≥ limit × partsPerMillion`, computed without overflow.
public struct UsageThreshold: Sendable, Equatable, Hashable, Comparable {
    /// The share of the limit in millionths: 800,000 is 80 %.
    public let partsPerMillion: UInt64

    /// The thresholds used unless configured otherwise: 80 % and 95 %.
    public static let defaults: [UsageThreshold] = [UsageThreshold(ppm: 800_000), UsageThreshold(ppm: 950_000)]

    /// A threshold at `fraction` of the limit (`0.8` is 80 %), rounded to a millionth;
    /// `nil` unless it lies strictly between 0 and 1.
    public init?(fraction: Double) {
        guard fraction.isFinite else { return nil }
        let ppm = (fraction * 1_000_000).rounded()
        guard ppm > 0, ppm < 1_000_000 else { return nil }
        self.init(ppm: UInt64(ppm))
    }

    /// A threshold at `percent` % of the limit (`80` is 80 %); `nil` unless it lies strictly between 0 and 100.
    public init?(percent: Double) {
        self.init(fraction: percent / 100)
    }

    private init(ppm: UInt64) {
        partsPerMillion = ppm
    }

    /// Whether `used` bytes are at or above this share of `limit` bytes.
    public func isReached(used: UInt64, limit: UInt64) -> Bool {
        let lhs = used.multipliedFullWidth(by: 1_000_000)
        let rhs = limit.multipliedFullWidth(by: partsPerMillion)
        return lhs.high != rhs.high ? lhs.high > rhs.high : lhs.low >= rhs.low
    }

    /// The share as people write it, without trailing zeros: `80 %`, `95.5 %`.
    public var percentText: String {
        "\(partsPerMillion / 10_000)\(DecimalText.fraction(partsPerMillion % 10_000, places: 4)) %"
    }

    /// Orders by share.
    public static func < (lhs: UsageThreshold, rhs: UsageThreshold) -> Bool {
        lhs.partsPerMillion < rhs.partsPerMillion
    }
}
