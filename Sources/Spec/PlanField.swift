/// The keys of one plan under `plans:`: the limit fields of a user, and `replicas`. A plan never holds
/// `expire`, `on_hold`, `note`, `disabled`, `rotate`, `secret`, `plan` or `nodes`: those belong to a user
/// (or to `defaults:`).
public enum PlanField: String, Sendable, CaseIterable {
    /// `data_limit:` — traffic per period.
    case dataLimit = "data_limit"
    /// `reset:` — the period after which usage restarts.
    case reset
    /// `max_connections:` — concurrent TCP connections.
    case maxConnections = "max_connections"
    /// `max_unique_ips:` — concurrent client IPs.
    case maxUniqueIPs = "max_unique_ips"
    /// `replicas:` — how many nodes the plan's users are placed on.
    case replicas

    /// The user field the key stands for: a plan's field means what the user's field means.
    public var userField: UserField {
        switch self {
        case .dataLimit: .dataLimit
        case .reset: .reset
        case .maxConnections: .maxConnections
        case .maxUniqueIPs: .maxUniqueIPs
        case .replicas: .replicas
        }
    }

    /// The key's definition, the same as the user field's.
    public var definition: SpecField { userField.definition }

    /// The plan field a user field stands for, if plans may hold it.
    init?(_ field: UserField) {
        guard let match = Self.allCases.first(where: { $0.userField == field }) else { return nil }
        self = match
    }
}
