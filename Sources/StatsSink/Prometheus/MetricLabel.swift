/// One `name="value"` pair of a Prometheus sample, value unescaped.
public struct MetricLabel: Sendable, Equatable, Hashable {
    /// The label name (`[a-zA-Z_][a-zA-Z0-9_]*`).
    public var name: String
    /// The label value after unescaping `\\`, `\"` and `\n`.
    public var value: String

    /// Creates a label.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
