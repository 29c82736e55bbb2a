import Foundation

extension ManagedTables {
    /// Reads the managed tables of a parsed config.
    /// - Throws: ``ManagedTablesError`` (unsupported forms, missing `[access.users]`, wrong types).
    public static func snapshot(of document: TOMLDocument) throws(ManagedTablesError) -> ManagedTablesSnapshot {
        _ = try sections(in: document)
        guard let usersTable = document.root.table(at: Table.users.path) else {
            throw ManagedTablesError(reason: .missingUsers, location: nil)
        }
        let tables = Dictionary(uniqueKeysWithValues: Table.allCases.map {
            ($0, document.root.table(at: $0.path)?.entries ?? [:])
        })
        var users: [TelemtUser] = []
        users.reserveCapacity(usersTable.entries.count)
        for (name, value) in usersTable.entries {
            users.append(try user(name, secret: value, tables: tables, document: document))
        }
        users.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        return ManagedTablesSnapshot(users: users, names: tables.mapValues { Set($0.keys) })
    }

    private static func user(
        _ name: String, secret: TOMLValue, tables: [Table: [String: TOMLValue]], document: TOMLDocument
    ) throws(ManagedTablesError) -> TelemtUser {
        func wrong(_ table: Table, _ expected: String) -> ManagedTablesError {
            ManagedTablesError(
                reason: .wrongType(table: table, user: name, expected: expected),
                location: document.location(of: table.path + [name]))
        }
        guard let secret = secret.stringValue else { throw wrong(.users, "a string of 32 hex digits") }
        var user = TelemtUser(name: name, secret: secret)
        if let value = tables[.userEnabled]?[name] {
            guard let enabled = value.boolValue else { throw wrong(.userEnabled, "true or false") }
            user.enabled = enabled
        }
        guard let connections = count(tables[.userMaxTCPConns]?[name]) else { throw wrong(.userMaxTCPConns, "an integer ≥ 0") }
        guard let addresses = count(tables[.userMaxUniqueIPs]?[name]) else { throw wrong(.userMaxUniqueIPs, "an integer ≥ 0") }
        user.maxTCPConnections = connections
        user.maxUniqueIPs = addresses
        if let value = tables[.userDataQuota]?[name] {
            guard let bytes = value.integerValue, bytes >= 0 else { throw wrong(.userDataQuota, "an integer ≥ 0 (bytes)") }
            user.dataQuota = UInt64(bytes)
        }
        if let value = tables[.userExpirations]?[name] {
            guard let date = expiration(value) else {
                throw ManagedTablesError(
                    reason: .invalidExpiration(user: name), location: document.location(of: Table.userExpirations.path + [name]))
            }
            user.expiration = date
        }
        return user
    }

    /// `.some(nil)` when absent, `.some(n)` for a valid count, `nil` when invalid.
    private static func count(_ value: TOMLValue?) -> Int?? {
        guard let value else { return .some(nil) }
        guard let integer = value.integerValue, integer >= 0 else { return nil }
        return .some(Int(integer))
    }

    /// A quoted RFC 3339 string (what we render) or a TOML offset date-time.
    static func expiration(_ value: TOMLValue) -> Date? {
        if let dateTime = value.dateTimeValue { return dateTime.date }
        guard let text = value.stringValue, let document = try? TOMLDocument(parsing: "v = " + text, maximumSize: 128) else {
            return nil
        }
        return document.root["v"]?.dateTimeValue?.date
    }
}
