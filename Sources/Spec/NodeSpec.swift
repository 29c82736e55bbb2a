/// One proxy host of a fleet (`nodes:` in users.yaml), with `proxy:`'s port and FakeTLS domain filled in.
public struct NodeSpec: Sendable, Equatable {
    /// The node's name, as `--node` names it: `[A-Za-z0-9_.-]{1,64}`.
    public var name: String
    /// How clients reach this node; used for its links.
    public var endpoint: ProxyEndpoint
    /// Relative share of the users placed by `replicas` (at least 1; default 1).
    public var weight: Int
    /// Where the node is, for people.
    public var region: String?
    /// The names users select this node by (`nodes: { labels: [...] }`), as written.
    public var labels: [String]
    /// Where the node is defined, for messages that point at it.
    public var location: SourceLocation

    /// Creates a node.
    public init(name: String, endpoint: ProxyEndpoint, weight: Int = 1, region: String? = nil, labels: [String] = [],
                location: SourceLocation = .unknown) {
        self.name = name
        self.endpoint = endpoint
        self.weight = weight
        self.region = region
        self.labels = labels
        self.location = location
    }

    /// Whether the node has every one of `labels` (an empty list matches every node).
    public func matches(labels wanted: [String]) -> Bool {
        wanted.allSatisfy(labels.contains)
    }
}
