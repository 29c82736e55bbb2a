/// A PostgreSQL store setting that cannot be used: the URL, the password source or TLS. Its
/// message never contains a password.
public struct PostgresSettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Failures that callers tell apart (an extensible set of codes).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name.
        public let description: String
        /// The URL is not `postgres://user@host[:port]/database[?sslmode=…]`.
        public static let url = Code(description: "url")
        /// The password file or variable is missing, unreadable or empty, or the URL holds a password.
        public static let password = Code(description: "password")
        /// The TLS settings cannot be used (an unknown `sslmode`, an unreadable root certificate).
        public static let tls = Code(description: "tls")
    }

    /// Which kind of failure this is.
    public var code: Code
    /// What is wrong, with the redacted URL or the file's path.
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// A one-line message with what to do.
    public var description: String {
        let hint = switch code {
        case .url: "write it as postgres://USER@HOST:PORT/DATABASE?sslmode=require"
        case .password: "keep the password in a file (mode 0600) or in the environment, never in the URL or the config"
        default: "sslmode is one of disable, prefer, require, verify-ca, verify-full; sslrootcert names a PEM file"
        }
        return "postgres settings: \(message); \(hint)"
    }
}
