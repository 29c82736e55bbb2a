/// A problem with the host's configuration (file, environment or flags): where, what, and what to do.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem; extensible.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// A key that no setting has.
        public static let unknownKey = Code("unknownKey")
        /// A value of the wrong shape or syntax.
        public static let invalidValue = Code("invalidValue")
        /// Settings that cannot be used together, or a required one that is missing.
        public static let conflict = Code("conflict")
        /// The configuration file cannot be read or is not YAML.
        public static let unreadable = Code("unreadable")
        /// The code's name.
        public var description: String { name }
    }

    /// What kind of problem.
    public var code: Code
    /// Where the offending value came from.
    public var origin: SettingOrigin
    /// What is wrong.
    public var message: String
    /// What to do.
    public var hint: String?

    /// Creates an error.
    public init(_ code: Code, at origin: SettingOrigin, _ message: String, hint: String? = nil) {
        self.code = code
        self.origin = origin
        self.message = message
        self.hint = hint
    }

    /// `config.yaml:4:10: error: interval: … (hint)`.
    /// `origin: error: message; hint` (just `error: …` when no setting is to blame).
    public var description: String {
        (origin == .builtIn ? "error: " : "\(origin): error: ") + message + (hint.map { "; \($0)" } ?? "")
    }
}
