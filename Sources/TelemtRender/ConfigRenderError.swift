/// Why ``ConfigRenderer`` refused to render; nothing was produced, so nothing may be written.
/// Never contains a secret.
public enum ConfigRenderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The user set is empty: telemt refuses an empty `[access.users]` and keeps its old users.
    case noUsers
    /// Two users have the same name.
    case duplicateUser(String)
    /// A name is not 1–64 of `A-Z a-z 0-9 _ . -` (telemt prints names unescaped in metric labels).
    case invalidUserName(String)
    /// A secret is not 32 hex digits (telemt refuses the whole config).
    case invalidSecret(user: String)
    /// A limit is negative.
    case negativeLimit(user: String, table: ManagedTables.Table)
    /// The template cannot be used (syntax, or a managed table in a form that cannot be replaced).
    case template(ManagedTablesError)
    /// The rendered text does not parse: a bug, reported instead of writing a config telemt would ignore.
    case renderedConfigInvalid(TOMLParseError)
    /// The rendered config reads back differently from the input: a bug, reported instead of writing it.
    case renderedConfigMismatch(user: String?)

    /// What went wrong and what to do.
    public var description: String {
        switch self {
        case .noUsers:
            "no users to render; telemt refuses an empty [access.users] and would keep its old users — "
                + "add at least one user (disable users instead of deleting all of them)"
        case .duplicateUser(let name):
            "user \(name) is given twice; remove one"
        case .invalidUserName(let name):
            "user name \(TOMLEncoding.quoted(name)) is not 1-64 characters of A-Z a-z 0-9 _ . -; rename the user"
        case .invalidSecret(let user):
            "the secret of user \(user) is not 32 hex digits; fix or remove the explicit secret"
        case .negativeLimit(let user, let table):
            "user \(user) has a negative value for \(table.header); use 0 or more"
        case .template(let error):
            "template: \(error)"
        case .renderedConfigInvalid(let error):
            "the rendered config does not parse (\(error)); nothing was written — please report this with the template"
        case .renderedConfigMismatch(let user):
            "the rendered config reads back differently\(user.map { " for user \($0)" } ?? ""); "
                + "nothing was written — please report this with the template"
        }
    }
}
