import Foundation

/// The shared PostgreSQL store of a fleet (`store: postgres://…`), as the configuration names it:
/// the URL without any password, and where the password is read from. The password itself is never
/// a setting: it is read from `store_password_file` or from `PGPASSWORD` when the store is opened.
public struct FleetStoreSettings: Sendable, Equatable, CustomStringConvertible {
    /// The environment variable the password is read from when no file is named (libpq's name).
    public static let passwordVariable = "PGPASSWORD"

    /// `postgres://USER@HOST[:PORT]/DATABASE[?sslmode=…&sslrootcert=FILE]`, never with a password.
    public var url: String
    /// `store_password_file`: a file holding the password (one line).
    public var passwordFile: String?
    /// The environment variable holding the password, when no file is named and it is set.
    public var passwordEnvironment: String?

    /// Creates settings.
    public init(url: String, passwordFile: String? = nil, passwordEnvironment: String? = nil) {
        self.url = url
        self.passwordFile = passwordFile
        self.passwordEnvironment = passwordEnvironment
    }

    /// The URL (it holds no password) and where the password comes from.
    public var description: String {
        url + (passwordFile.map { " (password from \($0))" } ?? passwordEnvironment.map { " (password from $\($0))" } ?? "")
    }

    /// Whether `store` names a PostgreSQL server rather than an SQLite file.
    static func isPostgres(_ store: String) -> Bool {
        let lowered = store.lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    /// `store` and `store_password_file`: nil for an SQLite store. A URL holding a password is refused
    /// (the message shows it as `***`); a password file without a PostgreSQL store is a conflict.
    static func read(_ read: SettingReader, environment: [String: String]) throws(ConfigurationError) -> FleetStoreSettings? {
        let store = try read.text("store", default: "sqlite")
        let passwordFile = try read.text("store_password_file")
        guard isPostgres(store) else {
            guard passwordFile == nil else {
                throw ConfigurationError(.conflict, at: read.origin("store_password_file"),
                                         "`store_password_file` is set, but `store` is not a postgres:// URL",
                                         hint: "set `store: postgres://USER@HOST/DATABASE`, or remove `store_password_file`")
            }
            return nil
        }
        guard let parts = URLComponents(string: store), parts.host?.isEmpty == false, parts.user?.isEmpty == false,
              parts.path.count > 1 else {
            throw ConfigurationError(.invalidValue, at: read.origin("store"), "`store`: `\(redacted(store))` is not a postgres://USER@HOST/DATABASE URL",
                                     hint: "write it like postgres://telemt@db.example.com:5432/telemt?sslmode=verify-full")
        }
        guard parts.password == nil else {
            throw ConfigurationError(.invalidValue, at: read.origin("store"), "`store`: `\(redacted(store))` holds a password",
                                     hint: "remove it from the URL; put it in a file (0600) named by `store_password_file`, or in \(passwordVariable)")
        }
        let variable = passwordFile == nil && environment[passwordVariable].map { !$0.isEmpty } == true ? passwordVariable : nil
        return FleetStoreSettings(url: store, passwordFile: passwordFile, passwordEnvironment: variable)
    }

    /// `url` with its password, if any, shown as `***`.
    static func redacted(_ url: String) -> String {
        guard var parts = URLComponents(string: url) else { return url.contains("@") ? "<a URL with user information>" : url }
        guard parts.password != nil else { return url }
        parts.password = "***"
        return parts.string ?? "<a URL with a password>"
    }
}
