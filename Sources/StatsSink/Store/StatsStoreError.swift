/// A failure of the traffic store, with the operation, the database path and what to do.
public struct StatsStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What the store was doing (`open`, `migrate`, `record`, `usage`, …).
    public var operation: String
    /// The database file (`:memory:` for an in-memory store).
    public var path: String
    /// The underlying database message.
    public var message: String

    /// Failures that callers tell apart (an extensible set of codes).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name.
        public let description: String
        /// Another telemt-gitops instance records this node.
        public static let nodeClaimed = Code(description: "node claimed")
        /// The instance-id file cannot be read or created.
        public static let instanceID = Code(description: "instance id")
        /// Any other database failure.
        public static let database = Code(description: "database")
    }

    /// Which kind of failure this is.
    public var code: Code = .database

    /// Creates an error of a given code; its operation is the code's name.
    public init(code: Code, path: String, message: String) {
        self.init(operation: code.description, path: path, message: message)
        self.code = code
    }

    /// Creates an error.
    public init(operation: String, path: String, message: String) {
        self.operation = operation
        self.path = path
        self.message = message
    }

    /// A one-line message with the operation, the path, the cause and what to do.
    public var description: String {
        code == .database ? "stats store \(path): \(operation) failed: \(message); \(hint)" : "stats store \(path): \(message); \(hint)"
    }

    private var hint: String {
        if code == .nodeClaimed {
            return "two hosts report under one node name: give each host its own --node; if this host replaced "
                + "the other, run once with --take-over-node"
        }
        if code == .instanceID {
            return "the file holds this installation's identity; delete it to let a new one be created"
        }
        return switch operation {
        case "open", "migrate":
            "check that the directory exists and is writable, and that the file is a telemt-gitops stats database"
        case "read baselines":
            "a node's stored counter baselines are unreadable and every scrape of it fails until they are reset: "
                + "delete its row (sqlite3 DB \"DELETE FROM node_state WHERE node = 'NODE'\"); the next scrape then "
                + "counts as a first one"
        case "record":
            "nothing from this scrape was recorded; the next scrape will count its traffic"
        default:
            "check that no other process holds the database locked for long, then retry"
        }
    }
}
