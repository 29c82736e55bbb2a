/// Bytes one user moved over some span of time.
///
/// `/metrics` gives both directions separately; telemt's API gives only their sum, so bytes
/// accounted from the API (users beyond the 4,096 that `/metrics` labels) are ``unsplit``.
public struct UserUsage: Sendable, Equatable, Codable {
    /// The user name.
    public var user: String
    /// Bytes received from the user's clients.
    public var fromClient: UInt64
    /// Bytes sent to the user's clients.
    public var toClient: UInt64
    /// Bytes known only as a sum of both directions (accounted from telemt's API `total_octets`).
    public var unsplit: UInt64

    /// Creates a usage value.
    public init(user: String, fromClient: UInt64, toClient: UInt64, unsplit: UInt64 = 0) {
        self.user = user
        self.fromClient = fromClient
        self.toClient = toClient
        self.unsplit = unsplit
    }

    /// Every byte, both directions together: what counts against a quota. Saturates at 2⁶⁴ − 1.
    public var total: UInt64 {
        fromClient.adding(saturating: toClient).adding(saturating: unsplit)
    }
}
