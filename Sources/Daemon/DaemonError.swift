/// Why the daemon cannot start or serve: what, where, and what to do. New failures are new codes.
public struct DaemonError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure; extensible.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// A setting of `run` is invalid.
        public static let settings = Code("settings")
        /// A secret file (webhook secret, bot token) is missing, empty or unreadable.
        public static let secretFile = Code("secretFile")
        /// The stats store (the outbox) could not be opened.
        public static let store = Code("store")
        /// Another daemon runs on this state directory.
        public static let locked = Code("locked")
        /// The code's name.
        public var description: String { name }
    }

    /// What kind of failure.
    public var code: Code
    /// The file, URL or setting involved.
    public var path: String?
    /// What is wrong.
    public var message: String
    /// What to do.
    public var hint: String?

    /// Creates an error.
    public init(_ code: Code, path: String? = nil, _ message: String, hint: String? = nil) {
        self.code = code
        self.path = path
        self.message = message
        self.hint = hint
    }

    /// `path: error: message; hint`.
    public var description: String {
        (path.map { "\($0): " } ?? "") + "error: \(message)" + (hint.map { "; \($0)" } ?? "")
    }
}
