/// One setting of the host's configuration: its dotted path in the file (`repo.url`), the
/// environment variable and flag that also set it, its syntax, default and documentation.
public struct ConfigurationKey: Sendable, Equatable {
    /// The syntax a value must have.
    public enum Kind: Sendable, Equatable {
        /// Free text (a name, a branch, a command line).
        case text
        /// A file or directory path.
        case path
        /// A URL or repository address.
        case url
        /// A duration: `30s`, `5m`, `1h`, `3d`.
        case duration
        /// A share: `50%` or `0.5`.
        case share
        /// `host:port`.
        case address
        /// One of these words.
        case choice([String])
        /// A list of texts.
        case list
        /// A list of shares (`[80%, 95%]`).
        case shares
    }

    /// The dotted path in the file: `node`, `repo.url`, `notify.telegram.chats`.
    public var path: String
    /// The syntax.
    public var kind: Kind
    /// The default as it would be written, or nil when there is none.
    public var defaultValue: String?
    /// The flag of `reconcile`/`plan`/`run` that sets it, if any.
    public var flag: String?
    /// What it does, in one or two sentences.
    public var summary: String

    /// Creates a key.
    public init(_ path: String, _ kind: Kind, default defaultValue: String? = nil, flag: String? = nil, _ summary: String) {
        self.path = path
        self.kind = kind
        self.defaultValue = defaultValue
        self.flag = flag
        self.summary = summary
    }

    /// `TELEMT_GITOPS_` and the path in capitals, dots as underscores: `TELEMT_GITOPS_REPO_URL`.
    public var environmentName: String {
        "TELEMT_GITOPS_" + path.uppercased().map { $0 == "." ? "_" : $0 }.reduce(into: "") { $0.append($1) }
    }
}
