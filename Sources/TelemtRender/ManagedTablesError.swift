/// Why the managed `[access.*]` tables of a config or template cannot be read or replaced,
/// where, and what to do. Never contains a secret.
public struct ManagedTablesError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public enum Reason: Sendable, Equatable {
        /// The TOML does not parse.
        case syntax(TOMLParseError)
        /// `access` itself is a value, a dotted key or an inline table.
        case accessNotATable(form: String)
        /// A managed table is written as dotted keys, an inline table, an array of tables or a
        /// plain value, or has nested tables; `form` says which.
        case unsupportedForm(table: ManagedTables.Table, form: String)
        /// There is no `[access.users]` table.
        case missingUsers
        /// A value has the wrong type.
        case wrongType(table: ManagedTables.Table, user: String, expected: String)
        /// An expiration is not an RFC 3339 date-time with an offset.
        case invalidExpiration(user: String)
    }

    /// What is wrong.
    public var reason: Reason
    /// Where, when known.
    public var location: TOMLSourceLocation?

    /// Creates an error.
    public init(reason: Reason, location: TOMLSourceLocation?) {
        self.reason = reason
        self.location = location
    }

    /// `line:column: message; what to do`.
    public var description: String {
        (location.map { "\($0): " } ?? "") + message
    }

    /// The problem and what to do, without the position (for callers that print the position
    /// their own way, such as `file:line:col: error: …`).
    public var message: String {
        switch reason {
        case .syntax(let error):
            return "\(error.message); \(error.hint)"
        case .accessNotATable(let form):
            return "access is written as \(form); telemt-gitops can only manage [access.*] tables "
                + "when access is a [access] table or has none; rewrite it as [access] with key/value lines"
        case .unsupportedForm(let table, let form):
            return "access.\(table.rawValue) is written as \(form), which telemt-gitops cannot replace safely; "
                + "delete it from the template (telemt-gitops writes \(table.header) itself) or write it as a plain \(table.header) table"
        case .missingUsers:
            return "the config has no [access.users] table; it was not written by telemt-gitops, "
                + "run `telemt-gitops render --out` on it first"
        case .wrongType(let table, let user, let expected):
            return "\(table.header) entry \(TOMLEncoding.key(user)) must be \(expected); "
                + "fix the value or let telemt-gitops re-render the config"
        case .invalidExpiration(let user):
            return "[access.user_expirations] entry \(TOMLEncoding.key(user)) is not an RFC 3339 date-time with an offset; "
                + "write it as \"2027-01-01T20:59:59Z\""
        }
    }
}
