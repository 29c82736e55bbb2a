/// A parsed Prometheus text exposition: every sample plus the HELP and TYPE metadata.
public struct MetricsDocument: Sendable, Equatable {
    /// The samples in the order they appeared.
    public var samples: [MetricSample]
    /// The declared type of each family that had a `# TYPE` line.
    public var types: [String: MetricType]
    /// The unescaped docstring of each family that had a `# HELP` line.
    public var help: [String: String]

    /// Creates a document.
    public init(samples: [MetricSample] = [], types: [String: MetricType] = [:], help: [String: String] = [:]) {
        self.samples = samples
        self.types = types
        self.help = help
    }

    /// The samples of the metric called `name`.
    public func samples(named name: String) -> [MetricSample] {
        samples.filter { $0.name == name }
    }
}
