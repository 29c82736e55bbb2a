/// Bounds that keep a hostile or broken `/metrics` response from exhausting memory.
///
/// telemt labels at most 4,096 users with about a dozen series each, so the defaults leave a
/// wide margin (a full telemt response is about 3 MiB) while still refusing absurd input.
public struct PrometheusLimits: Sendable, Equatable {
    /// The largest accepted exposition, in bytes.
    public var maxBytes: Int
    /// The longest accepted line, in bytes (without its newline).
    public var maxLineBytes: Int
    /// The most samples accepted in one exposition.
    public var maxSamples: Int
    /// The most labels accepted on one sample.
    public var maxLabelsPerSample: Int

    /// Creates limits.
    public init(
        maxBytes: Int = 32 << 20,
        maxLineBytes: Int = 16 << 10,
        maxSamples: Int = 1_000_000,
        maxLabelsPerSample: Int = 64
    ) {
        self.maxBytes = maxBytes
        self.maxLineBytes = maxLineBytes
        self.maxSamples = maxSamples
        self.maxLabelsPerSample = maxLabelsPerSample
    }

    /// The default limits.
    public static let `default` = PrometheusLimits()
}
