public import Foundation

/// One user of the proxy after `defaults:` have been merged in.
public struct UserSpec: Sendable, Equatable {
    /// The user's name: `[A-Za-z0-9_.-]{1,64}`.
    public var name: String
    /// Traffic allowed per ``reset`` period (both directions summed).
    public var dataLimit: DataLimit
    /// The calendar period after which used traffic starts again from zero.
    public var reset: ResetPeriod
    /// Concurrent TCP connections (telemt `user_max_tcp_conns`); `nil` = telemt's global setting.
    public var maxConnections: Int?
    /// Concurrent unique client IPs (telemt `user_max_unique_ips`); `nil` = telemt's global setting.
    public var maxUniqueIPs: Int?
    /// The instant the user expires, already resolved in the spec's time zone.
    public var expire: Date?
    /// A free-form note for people; never rendered into telemt's config.
    public var note: String?
    /// Kept in the config but cut off: live sessions end.
    public var disabled: Bool
    /// Bumped to issue a new secret; the previous link stops working.
    public var rotate: Int
    /// An explicit secret (32 lowercase hex digits), accepted for migrations only.
    public var secret: String?
    /// Time the user may use the proxy, counted from the first connection.
    public var onHold: SpecDuration?
    /// Where the user is defined, for messages that point at it.
    public var location: SourceLocation
    /// The plan the user takes (their own `plan:` or the default one), already applied to the limits above.
    public var plan: String?
    /// Where the user asks to be served; ``PlacementRequest/everywhere`` in a spec without `nodes:`.
    public var placement: PlacementRequest

    /// Creates a user; every limit defaults to "none".
    public init(
        name: String,
        dataLimit: DataLimit = .unlimited,
        reset: ResetPeriod = .none,
        maxConnections: Int? = nil,
        maxUniqueIPs: Int? = nil,
        expire: Date? = nil,
        note: String? = nil,
        disabled: Bool = false,
        rotate: Int = 0,
        secret: String? = nil,
        onHold: SpecDuration? = nil,
        location: SourceLocation = .unknown,
        plan: String? = nil,
        placement: PlacementRequest = .everywhere
    ) {
        self.name = name
        self.dataLimit = dataLimit
        self.reset = reset
        self.maxConnections = maxConnections
        self.maxUniqueIPs = maxUniqueIPs
        self.expire = expire
        self.note = note
        self.disabled = disabled
        self.rotate = rotate
        self.secret = secret
        self.onHold = onHold
        self.location = location
        self.plan = plan
        self.placement = placement
    }
}
