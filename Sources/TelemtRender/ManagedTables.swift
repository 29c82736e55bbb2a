/// The `[access.*]` tables that telemt-gitops owns in telemt's `config.toml`, and reading them
/// back from a config (the observed state the reconciler diffs against).
///
/// ```swift
/// let observed = try ManagedTables.read(from: String(decoding: data, as: UTF8.self))
/// ```
public enum ManagedTables {
    /// One managed table. The renderer replaces each whole and reads each back.
    public enum Table: String, CaseIterable, Sendable, Hashable, Comparable {
        /// `[access.users]`: name → 32 hex digit secret.
        case users
        /// `[access.user_enabled]`: name → `false` for disabled, limited or expired users.
        case userEnabled = "user_enabled"
        /// `[access.user_max_tcp_conns]`: name → concurrent TCP connections.
        case userMaxTCPConns = "user_max_tcp_conns"
        /// `[access.user_max_unique_ips]`: name → distinct client IPs.
        case userMaxUniqueIPs = "user_max_unique_ips"
        /// `[access.user_expirations]`: name → quoted RFC 3339 UTC string.
        case userExpirations = "user_expirations"
        /// `[access.user_data_quota]`: name → bytes (see ``ConfigDataQuotaPolicy``).
        case userDataQuota = "user_data_quota"

        /// The key path, e.g. `["access", "users"]`.
        public var path: [String] { ["access", rawValue] }
        /// The header as written, e.g. `[access.users]`.
        public var header: String { "[access.\(rawValue)]" }

        /// Canonical order: the order of ``allCases``.
        public static func < (lhs: Table, rhs: Table) -> Bool {
            (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
        }
    }

    /// Reads the users from a config's managed tables, sorted by name (byte order).
    /// - Throws: ``ManagedTablesError`` for TOML syntax errors, managed tables in forms other
    ///   than a plain `[access.x]` table, wrong value types, or unreadable expirations.
    public static func read(from config: String) throws(ManagedTablesError) -> [TelemtUser] {
        let bytes = Array(config.utf8)
        if let captured = parseCapturing(bytes), let users = users(of: captured) {
            return users
        }
        let document: TOMLDocument
        do {
            document = try TOMLDocument(parsing: bytes)
        } catch {
            throw ManagedTablesError(reason: .syntax(error), location: error.location)
        }
        return try snapshot(of: document).users
    }
}
