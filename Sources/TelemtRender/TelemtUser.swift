public import Foundation

/// One user as telemt's managed `[access.*]` tables describe it.
///
/// This is the renderer's input and what ``ManagedTables`` reads back from a `config.toml`:
/// the secret is already derived, and `enabled` already reflects the reconciler's decision
/// (disabled by spec, limited, or expired users are rendered with `user_enabled = false`).
public struct TelemtUser: Sendable, Equatable, Hashable {
    /// The user's name, the key in every `[access.*]` table.
    public var name: String
    /// 32 lowercase hex digits (`[access.users]`).
    public var secret: String
    /// `[access.user_enabled]`; `false` rejects the user and ends live sessions.
    public var enabled: Bool
    /// `[access.user_max_tcp_conns]`; `nil` leaves telemt's global setting.
    public var maxTCPConnections: Int?
    /// `[access.user_max_unique_ips]`; `nil` leaves telemt's global setting.
    public var maxUniqueIPs: Int?
    /// `[access.user_expirations]`, rendered as a quoted RFC 3339 UTC string.
    public var expiration: Date?
    /// `[access.user_data_quota]` in bytes; `nil` for none.
    public var dataQuota: UInt64?

    /// Creates a user.
    public init(
        name: String,
        secret: String,
        enabled: Bool = true,
        maxTCPConnections: Int? = nil,
        maxUniqueIPs: Int? = nil,
        expiration: Date? = nil,
        dataQuota: UInt64? = nil
    ) {
        self.name = name
        self.secret = secret
        self.enabled = enabled
        self.maxTCPConnections = maxTCPConnections
        self.maxUniqueIPs = maxUniqueIPs
        self.expiration = expiration
        self.dataQuota = dataQuota
    }
}
