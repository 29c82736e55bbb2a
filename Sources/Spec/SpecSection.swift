/// The nested mappings of users.yaml.
public enum SpecSection: String, Sendable, Equatable, CaseIterable {
    /// `proxy:` — ``ProxyField``.
    case proxy
    /// `defaults:` and each user — ``UserField``.
    case user
    /// `users:` — a mapping from user name to a ``UserField`` mapping.
    case users
    /// One node of `nodes:` — ``NodeField``.
    case node
    /// `nodes:` — a mapping from node name to a ``NodeField`` mapping.
    case nodes
    /// One plan of `plans:` — ``PlanField``.
    case plan
    /// `plans:` — a mapping from plan name to a ``PlanField`` mapping.
    case plans

    /// The fields of the section (empty for the maps, whose keys are names).
    public var fields: [SpecField] {
        switch self {
        case .proxy: ProxyField.allCases.map(\.definition)
        case .user: UserField.allCases.map(\.definition)
        case .node: NodeField.allCases.map(\.definition)
        case .plan: PlanField.allCases.map(\.definition)
        case .users, .nodes, .plans: []
        }
    }
}
