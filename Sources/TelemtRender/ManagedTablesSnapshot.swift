/// What a config's managed `[access.*]` tables hold.
public struct ManagedTablesSnapshot: Sendable, Equatable {
    /// The users of `[access.users]` with their settings from the other tables, sorted by name
    /// (byte order).
    public var users: [TelemtUser]
    /// The names present in each managed table (tables absent from the config map to empty sets).
    public var names: [ManagedTables.Table: Set<String>]

    /// Creates a snapshot.
    public init(users: [TelemtUser], names: [ManagedTables.Table: Set<String>]) {
        self.users = users
        self.names = names
    }

    /// Names that have an entry in some other managed table but none in `[access.users]`, by
    /// table: leftovers telemt ignores, reported as drift.
    public var orphans: [ManagedTables.Table: Set<String>] {
        let known = names[.users] ?? []
        var result: [ManagedTables.Table: Set<String>] = [:]
        for (table, set) in names where table != .users {
            let extra = set.subtracting(known)
            if !extra.isEmpty { result[table] = extra }
        }
        return result
    }
}
