import Foundation

/// Where the PostgreSQL password comes from: never the URL or the config file.
public enum PostgresPasswordSource: Sendable, Equatable {
    /// No password (a server that trusts the connection, or authenticates it by certificate).
    case none
    /// The file's content, without one trailing newline.
    case file(String)
    /// The variable `name` of `environment` (like libpq's `PGPASSWORD`).
    case environment(name: String, environment: [String: String])

    /// The variable `name` of this process's environment.
    public static func environment(_ name: String = "PGPASSWORD") -> PostgresPasswordSource {
        .environment(name: name, environment: ProcessInfo.processInfo.environment)
    }

    /// Reads the password. Errors name the file or variable, never its value.
    func read() throws(PostgresSettingsError) -> String? {
        switch self {
        case .none:
            return nil
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path), var text = String(data: data, encoding: .utf8) else {
                throw PostgresSettingsError(code: .password, message: "cannot read the password file \(path)")
            }
            if text.hasSuffix("\r\n") { text.removeLast(1) }
            if text.hasSuffix("\n") { text.removeLast() }
            guard !text.isEmpty else { throw PostgresSettingsError(code: .password, message: "the password file \(path) is empty") }
            return text
        case .environment(let name, let environment):
            guard let value = environment[name], !value.isEmpty else {
                throw PostgresSettingsError(code: .password, message: "the environment variable \(name) is not set")
            }
            return value
        }
    }
}
