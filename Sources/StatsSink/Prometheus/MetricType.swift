/// The type a `# TYPE` line declares for a metric family.
public enum MetricType: String, Sendable, Equatable, CaseIterable {
    /// A monotonically increasing value that restarts from zero when the process restarts.
    case counter
    /// A value that may go up and down.
    case gauge
    /// A histogram family (`_bucket`, `_sum`, `_count`).
    case histogram
    /// A summary family (quantiles, `_sum`, `_count`).
    case summary
    /// No declared type.
    case untyped
}
