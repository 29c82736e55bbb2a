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
    /// A name like a user's: `[A-Za-z0-9_.-]{1,64}` (plan and node names, labels).
    case name
    /// A list of distinct ``name``s, at least `minimumCount` long.
    case names(minimumCount: Int)
    /// A user's `nodes`: a list of node names (pinned) or `{ labels: [...] }` (a label selector).
    case nodeSelection
    /// A nested mapping described by another table.
    case section(SpecSection)
}
