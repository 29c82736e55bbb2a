/// Why a tick could not do its work: what, where, and what to do. The class says how a loop should
/// react (Flux's terms): `stalled` waits for a new revision, `waiting` retries after a while,
/// `transient` retries with backoff.
public struct EngineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure; extensible.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        /// How a loop reacts to it.
        public let reaction: Reaction
        private init(_ name: String, _ reaction: Reaction) {
            self.name = name
            self.reaction = reaction
        }
        /// The revision is invalid (spec, template): nothing applied until a new commit.
        public static let invalidRevision = Code("invalidRevision", .stalled)
        /// The revision removes too many users.
        public static let massRemoval = Code("massRemoval", .stalled)
        /// The spec has `nodes:` and this host's `node` is not one of them: nothing applied until a new commit or setting.
        public static let unknownNode = Code("unknownNode", .stalled)
        /// The git remote or local directory could not be read.
        public static let source = Code("source", .transient)
        /// The master key is missing or unreadable.
        public static let key = Code("key", .waiting)
        /// The state directory is unusable.
        public static let stateDirectory = Code("stateDirectory", .waiting)
        /// Another process holds the state directory.
        public static let locked = Code("locked", .transient)
        /// telemt's config could not be read or written.
        public static let telemtConfig = Code("telemtConfig", .waiting)
        /// The stats store failed.
        public static let store = Code("store", .transient)
        /// The status file could not be written back.
        public static let statusWrite = Code("statusWrite", .transient)
        /// The tick was stopped (the daemon shutting down) before it wrote anything.
        public static let abandoned = Code("abandoned", .transient)
        /// The code's name.
        public var description: String { name }
    }

    /// How a loop should react.
    public enum Reaction: String, Sendable {
        /// Wait for a new revision.
        case stalled
        /// Retry after the interval.
        case waiting
        /// Retry with backoff.
        case transient
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
        let body = message.contains(": error:") ? message : (path.map { "\($0): " } ?? "") + "error: \(message)"
        return body + (hint.map { "; \($0)" } ?? "")
    }
}
