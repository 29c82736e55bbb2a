/// A failure of the traffic store, with the operation, the database path and what to do.
public struct StatsStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What the store was doing (`open`, `migrate`, `record`, `usage`, …).
    public var operation: String
    /// The database file (`:memory:` for an in-memory store).
    public var path: String
    /// The underlying database message.
    public var message: String

    /// Creates an error.
    public init(operation: String, path: String, message: String) {
        self.operation = operation
        self.path = path
        self.message = message
    }

    /// A one-line message with the operation, the path, the cause and what to do.
    public var description: String {
        "stats store \(path): \(operation) failed: \(message); \(hint)"
    }

    private var hint: String {
        switch operation {
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
