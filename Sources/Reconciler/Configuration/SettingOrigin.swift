public import Spec

/// Where a configuration value came from, for messages that point at it.
public enum SettingOrigin: Sendable, Equatable, CustomStringConvertible {
    /// The configuration file, at this position.
    case file(SourceLocation)
    /// An environment variable.
    case environment(String)
    /// A command-line flag.
    case flag(String)
    /// The built-in default.
    case builtIn

    /// `config.yaml:3:8`, `environment variable TELEMT_GITOPS_NODE`, `--node`, `the default`.
    public var description: String {
        switch self {
        case .file(let location): location.description
        case .environment(let name): "environment variable \(name)"
        case .flag(let flag): flag
        case .builtIn: "the default"
        }
    }
}

/// One configuration value before it is typed: a text or a list of texts, and its origin.
public struct Setting: Sendable, Equatable {
    /// The value as written.
    public enum Value: Sendable, Equatable {
        /// One text.
        case text(String)
        /// A list (`[a, b]` in the file, comma-separated in the environment, a repeated flag).
        case list([String])
    }

    /// The value.
    public var value: Value
    /// Where it came from.
    public var origin: SettingOrigin

    /// Creates a setting.
    public init(_ value: Value, from origin: SettingOrigin) {
        self.value = value
        self.origin = origin
    }

    /// A text setting.
    public static func text(_ text: String, from origin: SettingOrigin) -> Setting { Setting(.text(text), from: origin) }
}
