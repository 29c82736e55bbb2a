import GRDB
import GRDBSQLite

/// One cached prepared statement that writes a traffic row, executed once per user with values
/// bound straight to SQLite: a scrape runs it thousands of times, and building argument arrays
/// per row cost more than the insert itself.
///
/// Parameters are numbered the same in every statement: `?1` bucket (or scrape id), `?2` node,
/// `?3` user, `?4` from-client bytes, `?5` to-client bytes, `?6` unsplit bytes; a statement leaves
/// out those it does not need. Bucket and node are bound once, since SQLite keeps bindings across resets.
final class TrafficRowStatement {
    private let database: Database
    private let statement: Statement

    /// Prepares (or reuses from the connection's cache) `sql` and binds the per-scrape values.
    init(_ database: Database, sql: String, bucket: Int64, node: String) throws {
        self.database = database
        statement = try database.cachedStatement(sql: sql)
        try check(sqlite3_reset(statement.sqliteStatement))
        try check(sqlite3_bind_int64(statement.sqliteStatement, 1, bucket))
        try bind(node, at: 2)
    }

    /// Writes one user's row.
    func run(user: String, bytes: RollUpBytes) throws {
        let handle = statement.sqliteStatement
        try bind(user, at: 3)
        try check(sqlite3_bind_int64(handle, 4, bytes.fromClient))
        try check(sqlite3_bind_int64(handle, 5, bytes.toClient))
        try check(sqlite3_bind_int64(handle, 6, bytes.unsplit))
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else { throw error(code) }
    }

    private func bind(_ text: String, at index: Int32) throws {
        var text = text
        let code = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                sqlite3_bind_text(statement.sqliteStatement, index, $0.baseAddress, Int32($0.count), Self.transient)
            }
        }
        try check(code)
    }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw error(code) }
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code),
            message: database.lastErrorMessage ?? "unknown",
            sql: statement.sql
        )
    }

    /// SQLite's `SQLITE_TRANSIENT`: it copies the bytes before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
