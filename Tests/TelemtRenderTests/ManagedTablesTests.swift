import Foundation
import Testing
@testable import TelemtRender

@Suite struct ManagedTablesTests {
    @Test func readsUsersWithDefaults() throws {
        let users = try ManagedTables.read(from: """
        [access.users]
        "b.c" = "0123456789abcdef0123456789abcdef"
        a = "ffffffffffffffffffffffffffffffff"
        [access.user_enabled]
        a = false
        "b.c" = true
        [access.user_max_tcp_conns]
        a = 5
        [access.user_expirations]
        a = "2027-01-01T23:59:59+03:00"
        "b.c" = 2026-01-01T00:00:00Z
        [access.user_data_quota]
        a = 1024
        """)
        #expect(users == [
            TelemtUser(name: "a", secret: "ffffffffffffffffffffffffffffffff", enabled: false, maxTCPConnections: 5,
                       expiration: TestSupport.date("2027-01-01T20:59:59Z"), dataQuota: 1024),
            TelemtUser(name: "b.c", secret: "0123456789abcdef0123456789abcdef",
                       expiration: TestSupport.date("2026-01-01T00:00:00Z")),
        ])
    }

    @Test func reportsOrphansPerTable() throws {
        let document = try TOMLDocument(parsing: """
        [access.users]
        a = "ffffffffffffffffffffffffffffffff"
        [access.user_enabled]
        ghost = false
        [access.user_max_unique_ips]
        a = 1
        ghost2 = 2
        """)
        let snapshot = try ManagedTables.snapshot(of: document)
        #expect(snapshot.orphans == [.userEnabled: ["ghost"], .userMaxUniqueIPs: ["ghost2"]])
        #expect(snapshot.names[.userExpirations] == [])
        #expect(snapshot.users.map(\.name) == ["a"])
    }

    @Test(arguments: [
        ("[access.users]\na = 1\n", "2:1", ManagedTables.Table.users),
        ("[access.users]\na = \"x\"\n[access.user_enabled]\na = \"no\"\n", "4:1", .userEnabled),
        ("[access.users]\na = \"x\"\n[access.user_max_tcp_conns]\na = -1\n", "4:1", .userMaxTCPConns),
        ("[access.users]\na = \"x\"\n[access.user_data_quota]\na = 1.5\n", "4:1", .userDataQuota),
    ])
    func rejectsWrongTypes(config: String, position: String, table: ManagedTables.Table) {
        #expect {
            try ManagedTables.read(from: config)
        } throws: { error in
            guard let error = error as? ManagedTablesError, case .wrongType(let found, "a", _) = error.reason else { return false }
            return found == table && error.location?.description == position
        }
    }

    @Test func rejectsBadExpirationAndMissingUsers() {
        #expect {
            try ManagedTables.read(from: "[access.users]\na = \"x\"\n[access.user_expirations]\na = \"2027-01-01\"\n")
        } throws: { error in
            (error as? ManagedTablesError)?.reason == .invalidExpiration(user: "a")
        }
        #expect {
            try ManagedTables.read(from: "[server]\nport = 1\n")
        } throws: { error in
            (error as? ManagedTablesError)?.reason == .missingUsers
        }
        #expect {
            try ManagedTables.read(from: "[access.users\n")
        } throws: { error in
            guard case .syntax(let cause) = (error as? ManagedTablesError)?.reason else { return false }
            return cause.location.description == "1:14"
        }
    }

    @Test func tablesHaveCanonicalOrderAndHeaders() {
        #expect(ManagedTables.Table.allCases.sorted() == ManagedTables.Table.allCases)
        #expect(ManagedTables.Table.userMaxTCPConns.header == "[access.user_max_tcp_conns]")
        #expect(ManagedTables.Table.allCases.map(\.path).allSatisfy { $0.count == 2 && $0[0] == "access" })
    }
}
