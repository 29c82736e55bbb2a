/// The top-level keys of users.yaml.
public enum RootField: String, Sendable, CaseIterable {
    /// `version:` — the schema version (1).
    case version
    /// `proxy:` — how clients reach the proxy.
    case proxy
    /// `timezone:` — IANA zone for periods and date-only expiries.
    case timezone
    /// `nodes:` — the proxy hosts of a fleet, by name.
    case nodes
    /// `plans:` — named limit sets (tariffs) that users take with `plan:`.
    case plans
    /// `defaults:` — fields every user gets.
    case defaults
    /// `users:` — the users by name.
    case users

    /// The key's definition: type, documentation, example.
    public var definition: SpecField {
        switch self {
        case .version:
            SpecField(key: rawValue, kind: .integer(1...1), summary: "Schema version of the file; only 1 exists.",
                      example: "1", isRequired: true)
        case .proxy:
            SpecField(key: rawValue, kind: .section(.proxy), summary: "How clients reach this proxy (used in links).",
                      example: "{ host: proxy.example.com, port: 443, tls_domain: www.example.com }")
        case .timezone:
            SpecField(key: rawValue, kind: .timeZone,
                      summary: "IANA time zone for calendar periods and date-only expiries.",
                      example: "Europe/Moscow", defaultValue: "UTC")
        case .nodes:
            SpecField(key: rawValue, kind: .section(.nodes),
                      summary: "The proxy hosts of a fleet: a mapping from node name ([A-Za-z0-9_.-]{1,64}) to the node. "
                          + "Without it the spec is one node.",
                      example: "{ eu-1: { host: eu1.example.com, labels: [eu] } }")
        case .plans:
            SpecField(key: rawValue, kind: .section(.plans),
                      summary: "Named limit sets (tariffs) that users take with plan: NAME.",
                      example: "{ basic: { data_limit: 50 GiB, reset: monthly } }")
        case .defaults:
            SpecField(key: rawValue, kind: .section(.user),
                      summary: "Fields every user gets unless the user sets them (except secret).",
                      example: "{ data_limit: 50 GiB, reset: monthly }")
        case .users:
            SpecField(key: rawValue, kind: .section(.users),
                      summary: "The users: a mapping from name ([A-Za-z0-9_.-]{1,64}) to the user's fields.",
                      example: "{ alice: { data_limit: 100 GiB }, bob: { disabled: true } }")
        }
    }
}
