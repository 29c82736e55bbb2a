/// Bytes one user moved over some span of time.
public struct UserUsage: Sendable, Equatable, Codable {
    /// The user name.
    public var user: String
    /// Bytes received from the user's clients.
    public var fromClient: UInt64
    /// Bytes sent to the user's clients.
    public var toClient: UInt64

    /// Creates a usage value.
    public init(user: String, fromClient: UInt64, toClient: UInt64) {
        self.user = user
        self.fromClient = fromClient
        self.toClient = toClient
    }

    /// Both directions together: what counts against a quota.
    public var total: UInt64 { fromClient &+ toClient }
}
