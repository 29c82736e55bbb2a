/// One sample line of the Prometheus text format: a metric name, its labels, a value and an
/// optional timestamp.
public struct MetricSample: Sendable, Equatable {
    /// The metric name (`[a-zA-Z_:][a-zA-Z0-9_:]*`).
    public var name: String
    /// The labels in the order they were written.
    public var labels: [MetricLabel]
    /// The value; may be `NaN` or infinite.
    public var value: Double
    /// The exact value when it is written as a whole number from 0 to 2⁶⁴ − 1 (counters are read
    /// from this, never from ``value``, which is exact only up to 2⁵³).
    public var integer: UInt64?
    /// The optional timestamp in milliseconds since the Unix epoch.
    public var timestamp: Int64?
    /// The 1-based line of the sample in the scraped text, for error messages.
    public var line: Int

    /// Creates a sample.
    public init(
        name: String, labels: [MetricLabel] = [], value: Double, integer: UInt64? = nil, timestamp: Int64? = nil, line: Int = 0
    ) {
        self.name = name
        self.labels = labels
        self.value = value
        self.integer = integer ?? SampleValue.exactInteger(value)
        self.timestamp = timestamp
        self.line = line
    }

    /// The value of the label called `name`, if the sample has it.
    public func label(_ name: String) -> String? {
        labels.first { $0.name == name }?.value
    }
}
