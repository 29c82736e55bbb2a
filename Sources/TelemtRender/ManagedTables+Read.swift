import Foundation

extension ManagedTables {
    /// Reads the managed tables of a parsed config.
    /// - Throws: ``ManagedTablesError`` (unsupported forms, missing `[access.users]`, wrong types).
    public static func snapshot(of document: TOMLDocument) throws(ManagedTablesError) -> ManagedTablesSnapshot {
        _ = try sections(in: document)
        guard let usersTable = document.root.table(at: Table.users.path) else {
            throw ManagedTablesError(reason: .missingUsers, location: nil)
        }
        if usersTable.entries.values.contains(where: { $0.stringValue == nil }),
           let name = usersTable.sortedKeys.first(where: { usersTable[$0]?.stringValue == nil }) {
            throw Failure(table: .users, expected: "a string of 32 hex digits").located(user: name, in: document)
        }
        var byName = usersTable.entries.mapValues { TelemtUser(name: "", secret: $0.stringValue ?? "") }
        var names: [Table: Set<String>] = [.users: Set(byName.keys)]
        for table in Table.allCases where table != .users {
            let entries = document.root.table(at: table.path)?.entries ?? [:]
            names[table] = Set(entries.keys)
            for (name, value) in entries {
                guard let index = byName.index(forKey: name) else { continue }
                do {
                    try apply(value, of: table, to: &byName.values[index])
                } catch {
                    throw firstFailure(in: entries, of: table, users: byName, document: document)
                }
            }
        }
        let sortedNames = byName.keys.sorted(by: TOMLEncoding.precedesInByteOrder)
        let users = sortedNames.map { name in
            var user = byName[name] ?? TelemtUser(name: name, secret: "")
            user.name = name
            return user
        }
        return ManagedTablesSnapshot(users: users, names: names)
    }

    /// The error for the first user, in byte order of names, whose entry in `entries` is wrong,
    /// so that the report does not depend on dictionary order.
    private static func firstFailure(
        in entries: [String: TOMLValue], of table: Table, users: [String: TelemtUser], document: TOMLDocument
    ) -> ManagedTablesError {
        for name in entries.keys.sorted(by: TOMLEncoding.precedesInByteOrder) {
            guard let value = entries[name], var user = users[name] else { continue }
            do {
                try apply(value, of: table, to: &user)
            } catch {
                return error.located(user: name, in: document)
            }
        }
        return ManagedTablesError(reason: .missingUsers, location: nil)
    }

    private struct Failure: Error {
        var table: Table
        var expected: String

        func located(user: String, in document: TOMLDocument) -> ManagedTablesError {
            let location = document.location(of: table.path + [user])
            if table == .userExpirations {
                return ManagedTablesError(reason: .invalidExpiration(user: user), location: location)
            }
            return ManagedTablesError(reason: .wrongType(table: table, user: user, expected: expected), location: location)
        }
    }

    private static func apply(_ value: TOMLValue, of table: Table, to user: inout TelemtUser) throws(Failure) {
        switch table {
        case .users:
            break
        case .userEnabled:
            guard let enabled = value.boolValue else { throw Failure(table: table, expected: "true or false") }
            user.enabled = enabled
        case .userMaxTCPConns, .userMaxUniqueIPs:
            guard let count = value.integerValue, count >= 0 else { throw Failure(table: table, expected: "an integer ≥ 0") }
            if table == .userMaxTCPConns { user.maxTCPConnections = Int(count) } else { user.maxUniqueIPs = Int(count) }
        case .userDataQuota:
            guard let bytes = value.integerValue, bytes >= 0 else { throw Failure(table: table, expected: "an integer ≥ 0 (bytes)") }
            user.dataQuota = UInt64(bytes)
        case .userExpirations:
            guard let date = expiration(value) else { throw Failure(table: table, expected: "an RFC 3339 date-time") }
            user.expiration = date
        }
    }

    /// A quoted RFC 3339 string (what we render) or a TOML offset date-time.
    static func expiration(_ value: TOMLValue) -> Date? {
        if let dateTime = value.dateTimeValue { return dateTime.date }
        guard var text = value.stringValue else { return nil }
        return text.withUTF8 { expiration($0) }
    }

    /// The instant of the text of a quoted expiration (at most 64 bytes of RFC 3339 with an offset).
    static func expiration(_ text: UnsafeBufferPointer<UInt8>) -> Date? {
        guard text.count <= 64 else { return nil }
        var parser = TOMLParser(bytes: text)
        guard let dateTime = try? parser.parseDateTime(), parser.pos == text.count else { return nil }
        return dateTime.date
    }
}
