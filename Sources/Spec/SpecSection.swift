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
