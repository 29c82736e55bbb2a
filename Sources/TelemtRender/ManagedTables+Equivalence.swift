extension ManagedTables {
    /// Whether two configs are the same to telemt as far as telemt-gitops is concerned: their
    /// managed tables hold the same values (the same users with the same secrets, flags, limits,
    /// expirations and quotas, and no entry for a name outside `[access.users]`) and every other
    /// byte is equal. Order, quoting, spacing and comments inside the managed tables do not count,
    /// so a config that telemt or another panel wrote unsorted is not a change.
    ///
    /// Both sides are rendered onto themselves (each table sorted, in the place it has); equal
    /// bytes then mean that nothing but the tables' layout differed.
    public static func equivalent(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        if lhs == rhs { return true }
        guard let left = values(of: lhs), let right = values(of: rhs), left == right else { return false }
        let canonical = ConfigRenderer(dataQuotaPolicy: .render)
        guard let a = try? canonical.render(template: lhs, users: left),
              let b = try? canonical.render(template: rhs, users: right)
        else { return false }
        return a == b
    }

    /// The users of a config as read back; nil when it does not read or a table has an entry for
    /// a name that is not in `[access.users]` (such entries are values the renderer would drop).
    static func values(of bytes: [UInt8]) -> [TelemtUser]? {
        if let captured = parseCapturing(bytes), let users = users(of: captured) {
            return hasOrphans(captured) ? nil : users
        }
        guard let document = try? TOMLDocument(parsing: bytes), let snapshot = try? snapshot(of: document),
              snapshot.orphans.isEmpty
        else { return nil }
        return snapshot.users
    }

    /// Whether a captured side table has a key that `[access.users]` lacks (both are sorted by key bytes).
    private static func hasOrphans(_ captured: TOMLDocument.Captured) -> Bool {
        guard let keys = captured.tables[0]?.entries else { return true }
        return captured.document.bytes.withUnsafeBufferPointer { bytes in
            captured.tables.dropFirst().contains { table in
                var index = 0
                return (table?.entries ?? []).contains { entry in
                    while index < keys.count, TOMLEncoding.compareBytes(bytes, keys[index].key, entry.key) < 0 { index += 1 }
                    return index == keys.count || TOMLEncoding.compareBytes(bytes, keys[index].key, entry.key) != 0
                }
            }
        }
    }
}
