/// One key of users.yaml: its type, its documentation and an example.
///
/// The tables ``RootField``, ``ProxyField`` and ``UserField`` are the single source of the keys the parser
/// accepts, of its "did you mean" hints, of the JSON Schema and of the reference documentation.
public struct SpecField: Sendable, Equatable {
    /// The YAML key.
    public var key: String
    /// The value's type and constraints.
    public var kind: SpecFieldKind
    /// One sentence for people (schema `description`).
    public var summary: String
    /// An example value as it would be written in YAML.
    public var example: String
    /// The value used when the key is absent, as written in YAML, if there is one worth stating.
    public var defaultValue: String?
    /// Whether the key must be present.
    public var isRequired: Bool

    /// Creates a field definition.
    public init(
        key: String, kind: SpecFieldKind, summary: String, example: String,
        defaultValue: String? = nil, isRequired: Bool = false
    ) {
        self.key = key
        self.kind = kind
        self.summary = summary
        self.example = example
        self.defaultValue = defaultValue
        self.isRequired = isRequired
    }
}
