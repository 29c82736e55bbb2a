/// The keys of a user (and of `defaults:`) in users.yaml.
public enum UserField: String, Sendable, CaseIterable {
    /// `data_limit:` — traffic per period.
    case dataLimit = "data_limit"
    /// `reset:` — the period after which usage restarts.
    case reset
    /// `max_connections:` — concurrent TCP connections.
    case maxConnections = "max_connections"
    /// `max_unique_ips:` — concurrent client IPs.
    case maxUniqueIPs = "max_unique_ips"
    /// `expire:` — when the user expires.
    case expire
    /// `note:` — free text for people.
    case note
    /// `disabled:` — cut the user off.
    case disabled
    /// `rotate:` — secret generation counter.
    case rotate
    /// `secret:` — explicit secret (migrations only).
    case secret
    /// `on_hold:` — time allowed from the first connection.
    case onHold = "on_hold"
    /// `plan:` — the named limit set (under `plans:`) the user takes.
    case plan
    /// `nodes:` — the nodes the user is pinned to, or a label selector (needs `nodes:` at the top level).
    case nodes
    /// `replicas:` — how many nodes the user is placed on (needs `nodes:` at the top level).
    case replicas

    /// The definitions of all fields, built once (`definition` builds a new value on each call).
    static let definitions = allCases.map(\.definition)

    /// The field's definition from ``definitions``, without rebuilding it.
    var cachedDefinition: SpecField {
        Self.definitions[ordinal]
    }

    /// The position of the field in `allCases`.
    var ordinal: Int {
        switch self {
        case .dataLimit: 0
        case .reset: 1
        case .maxConnections: 2
        case .maxUniqueIPs: 3
        case .expire: 4
        case .note: 5
        case .disabled: 6
        case .rotate: 7
        case .secret: 8
        case .onHold: 9
        case .plan: 10
        case .nodes: 11
        case .replicas: 12
        }
    }

    /// The key's definition: type, documentation, example.
    public var definition: SpecField {
        switch self {
        case .dataLimit:
            SpecField(key: rawValue, kind: .size,
                      summary: "Traffic allowed per reset period, both directions summed: B, KB, MB, GB, TB (x1000), "
                          + "KiB, MiB, GiB, TiB (x1024), a bare integer of bytes, or unlimited.",
                      example: "100 GiB", defaultValue: "unlimited")
        case .reset:
            SpecField(key: rawValue, kind: .choice(ResetPeriod.allCases.map(\.rawValue)),
                      summary: "Calendar period after which used traffic starts again from zero, in the spec's timezone.",
                      example: "monthly", defaultValue: "none")
        case .maxConnections:
            SpecField(key: rawValue, kind: .integer(0...Int.max),
                      summary: "Concurrent TCP connections (telemt user_max_tcp_conns); 0 uses telemt's global setting.",
                      example: "8")
        case .maxUniqueIPs:
            SpecField(key: rawValue, kind: .integer(0...Int.max),
                      summary: "Concurrent unique client IPs (telemt user_max_unique_ips); 0 uses telemt's global setting.",
                      example: "3")
        case .expire:
            SpecField(key: rawValue, kind: .expiry,
                      summary: "When the user expires: a date (the end of that day, 23:59:59, in timezone) "
                          + "or an RFC 3339 timestamp with offset.",
                      example: "2027-01-01")
        case .note:
            SpecField(key: rawValue, kind: .text(maxLength: 1024),
                      summary: "Free text for people; never rendered into telemt's config.", example: "Marketing laptop")
        case .disabled:
            SpecField(key: rawValue, kind: .boolean, summary: "Keep the user but cut them off: live sessions end.",
                      example: "true", defaultValue: "false")
        case .rotate:
            SpecField(key: rawValue, kind: .integer(0...Int.max),
                      summary: "Bump to issue a new secret; the old link stops working.", example: "1", defaultValue: "0")
        case .secret:
            SpecField(key: rawValue, kind: .secret,
                      summary: "Explicit secret of 32 hex digits, for migrations only; omit it to use the derived secret.",
                      example: "0123456789abcdef0123456789abcdef")
        case .onHold:
            SpecField(key: rawValue, kind: .duration,
                      summary: "Time allowed from the first connection (s, m, h, d, w); cannot be combined with expire.",
                      example: "30d")
        case .plan:
            SpecField(key: rawValue, kind: .name,
                      summary: "A plan of the top-level plans: mapping; its fields apply unless the user sets them.",
                      example: "pro")
        case .nodes:
            SpecField(key: rawValue, kind: .nodeSelection,
                      summary: "The nodes the user is on: a list of node names (pinned), or { labels: [...] } to choose "
                          + "among the nodes that have every label. Needs the top-level nodes: mapping.",
                      example: "[eu-1, eu-2]")
        case .replicas:
            SpecField(key: rawValue, kind: .integer(1...Int.max),
                      summary: "Place the user on this many nodes (chosen by weight); not with a list of nodes. "
                          + "Needs the top-level nodes: mapping.",
                      example: "2")
        }
    }
}
