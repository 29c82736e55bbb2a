/// The keys of `proxy:` in users.yaml.
public enum ProxyField: String, Sendable, CaseIterable {
    /// `host:` — host name or address.
    case host
    /// `port:` — TCP port (default 443).
    case port
    /// `tls_domain:` — FakeTLS domain for ee-links.
    case tlsDomain = "tls_domain"

    /// The key's definition: type, documentation, example.
    public var definition: SpecField {
        switch self {
        case .host:
            SpecField(key: rawValue, kind: .host, summary: "Host name or IP address clients connect to.",
                      example: "proxy.example.com", isRequired: true)
        case .port:
            SpecField(key: rawValue, kind: .integer(1...65535), summary: "TCP port clients connect to.",
                      example: "443", defaultValue: "443")
        case .tlsDomain:
            SpecField(key: rawValue, kind: .dnsName,
                      summary: "FakeTLS domain carried by ee-links; omit for links without FakeTLS.",
                      example: "www.example.com")
        }
    }
}
