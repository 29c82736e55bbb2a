/// A named limit set under `plans:` (a tariff): only the fields it sets; users that take it with `plan:`
/// get them unless they set their own.
public struct PlanSpec: Sendable, Equatable {
    /// The plan's name: `[A-Za-z0-9_.-]{1,64}`.
    public var name: String
    /// `data_limit`, if the plan sets it.
    public var dataLimit: DataLimit?
    /// `reset`, if the plan sets it.
    public var reset: ResetPeriod?
    /// `max_connections`, if the plan sets it.
    public var maxConnections: Int?
    /// `max_unique_ips`, if the plan sets it.
    public var maxUniqueIPs: Int?
    /// `replicas`, if the plan sets it.
    public var replicas: Int?
    /// Where the plan is defined.
    public var location: SourceLocation

    /// Creates a plan.
    public init(name: String, dataLimit: DataLimit? = nil, reset: ResetPeriod? = nil, maxConnections: Int? = nil,
                maxUniqueIPs: Int? = nil, replicas: Int? = nil, location: SourceLocation = .unknown) {
        self.name = name
        self.dataLimit = dataLimit
        self.reset = reset
        self.maxConnections = maxConnections
        self.maxUniqueIPs = maxUniqueIPs
        self.replicas = replicas
        self.location = location
    }
}
