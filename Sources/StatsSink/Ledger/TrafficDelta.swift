/// Bytes a user moved since the previous recorded scrape.
public struct TrafficDelta: Sendable, Equatable {
    /// The user name.
    public var user: String
    /// New bytes received from the user's clients.
    public var fromClient: UInt64
    /// New bytes sent to the user's clients.
    public var toClient: UInt64

    /// Creates a delta.
    public init(user: String, fromClient: UInt64, toClient: UInt64) {
        self.user = user
        self.fromClient = fromClient
        self.toClient = toClient
    }

    /// Both directions together: what counts against a quota.
    public var total: UInt64 { fromClient &+ toClient }
}
