/// The keys of one node under `nodes:` in users.yaml.
public enum NodeField: String, Sendable, CaseIterable {
    /// `host:` — host name or address clients of this node connect to.
    case host
    /// `port:` — TCP port (default `proxy.port`, else 443).
    case port
    /// `tls_domain:` — FakeTLS domain of this node's links (default `proxy.tls_domain`).
    case tlsDomain = "tls_domain"
    /// `weight:` — share of placements, relative to the other nodes.
    case weight
    /// `region:` — free text for people and selection.
    case region
    /// `labels:` — names that `nodes: { labels: [...] }` selects by.
    case labels

    /// The key's definition: type, documentation, example.
    public var definition: SpecField {
        switch self {
        case .host:
            SpecField(key: rawValue, kind: .host, summary: "Host name or IP address clients of this node connect to.",
                      example: "eu1.example.com", isRequired: true)
        case .port:
            SpecField(key: rawValue, kind: .integer(1...65535),
                      summary: "TCP port clients of this node connect to; default proxy.port, else 443.", example: "443")
        case .tlsDomain:
            SpecField(key: rawValue, kind: .dnsName,
                      summary: "FakeTLS domain of this node's ee-links; default proxy.tls_domain.", example: "www.example.org")
        case .weight:
            SpecField(key: rawValue, kind: .integer(1...1_000_000),
                      summary: "Relative share of the users placed by replicas: a node of weight 2 gets about twice "
                          + "as many as a node of weight 1.",
                      example: "2", defaultValue: "1")
        case .region:
            SpecField(key: rawValue, kind: .text(maxLength: 64), summary: "Where the node is, for people.", example: "eu-west")
        case .labels:
            SpecField(key: rawValue, kind: .names(minimumCount: 0),
                      summary: "Names that users select nodes by with `nodes: { labels: [...] }`.", example: "[eu]")
        }
    }
}
