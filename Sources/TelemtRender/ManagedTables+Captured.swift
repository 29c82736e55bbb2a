import Foundation

extension ManagedTables {
    /// The key paths of all managed tables, in ``Table/allCases`` order (`users` first).
    static let capturePaths: [[String]] = Table.allCases.map(\.path)

    /// Parses a config with the managed tables read by the strict capture reader; `nil` when the
    /// config needs the general parser (it does not parse, or a managed table is not in the
    /// simple form the renderer writes).
    static func parseCapturing(_ bytes: [UInt8]) -> TOMLDocument.Captured? {
        TOMLDocument.parse(bytes, capturing: capturePaths)
    }

    /// The users of a captured config, exactly as ``snapshot(of:)`` returns them for the same
    /// source; `nil` whenever ``snapshot(of:)`` would throw or the capture cannot tell, so that
    /// callers fall back to the general path and its error.
    static func users(of captured: TOMLDocument.Captured) -> [TelemtUser]? {
        guard (try? sections(in: captured.document)) != nil, let usersTable = captured.tables[0] else { return nil }
        return captured.document.bytes.withUnsafeBufferPointer { bytes -> [TelemtUser]? in
            func string(_ range: Range<Int>) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            }
            var users: [TelemtUser] = []
            users.reserveCapacity(usersTable.entries.count)
            for entry in usersTable.entries {
                guard case .string(let secret) = entry.value else { return nil }
                users.append(TelemtUser(name: string(entry.key), secret: string(secret)))
            }
            for (slot, table) in Table.allCases.enumerated() where table != .users {
                guard let captured = captured.tables[slot] else { continue }
                guard join(captured, of: table, into: &users, keys: usersTable.entries, bytes: bytes) else { return nil }
            }
            return users
        }
    }

    /// Applies a captured side table to `users` by merging the two key-sorted entry lists; names
    /// not in `[access.users]` are skipped as ``snapshot(of:)`` does. `false` on a wrong type.
    private static func join(
        _ captured: TOMLCapturedTable, of table: Table, into users: inout [TelemtUser],
        keys: [TOMLCapturedTable.Entry], bytes: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        var index = 0
        for entry in captured.entries {
            var order = -1
            while index < keys.count {
                order = TOMLEncoding.compareBytes(bytes, keys[index].key, entry.key)
                if order >= 0 { break }
                index += 1
            }
            guard order == 0 else { continue }
            guard apply(entry.value, of: table, to: &users[index], bytes: bytes) else { return false }
        }
        return true
    }

    private static func apply(
        _ value: TOMLCapturedTable.Value, of table: Table, to user: inout TelemtUser, bytes: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        switch (table, value) {
        case (.userEnabled, .boolean(let enabled)):
            user.enabled = enabled
        case (.userMaxTCPConns, .integer(let count)):
            user.maxTCPConnections = Int(count)
        case (.userMaxUniqueIPs, .integer(let count)):
            user.maxUniqueIPs = Int(count)
        case (.userDataQuota, .integer(let count)):
            user.dataQuota = UInt64(count)
        case (.userExpirations, .string(let range)):
            guard let date = expiration(UnsafeBufferPointer(rebasing: bytes[range])) else { return false }
            user.expiration = date
        default:
            return false
        }
        return true
    }
}
