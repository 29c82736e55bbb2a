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

/// The type of a users.yaml value, with its constraints.
public enum SpecFieldKind: Sendable, Equatable {
    /// A core-schema integer within the range.
    case integer(ClosedRange<Int>)
    /// Text of at most this many characters.
    case text(maxLength: Int)
    /// A DNS name, IPv4 or IPv6 address.
    case host
    /// A DNS name (letters, digits, hyphens; labels of 1–63 characters).
    case dnsName
    /// An IANA time zone identifier.
    case timeZone
    /// `true` or `false` (YAML 1.2 core booleans only).
    case boolean
    /// A byte size such as `50 GiB`, a bare integer of bytes, or `unlimited`.
    case size
    /// One of a fixed list of words.
    case choice([String])
    /// A date (`2027-01-01`, end of that day) or an RFC 3339 timestamp with offset.
    case expiry
    /// A positive duration such as `30d`, `12h`, `2w`, `90m`, `45s`.
    case duration
    /// Exactly 32 hexadecimal digits.
    case secret
    /// A nested mapping described by another table.
    case section(SpecSection)
}

/// The nested mappings of users.yaml.
public enum SpecSection: String, Sendable, Equatable, CaseIterable {
    /// `proxy:` — ``ProxyField``.
    case proxy
    /// `defaults:` and each user — ``UserField``.
    case user
    /// `users:` — a mapping from user name to a ``UserField`` mapping.
    case users

    /// The fields of the section (empty for `users`, whose keys are user names).
    public var fields: [SpecField] {
        switch self {
        case .proxy: ProxyField.allCases.map(\.definition)
        case .user: UserField.allCases.map(\.definition)
        case .users: []
        }
    }
}
