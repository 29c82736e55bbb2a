/// What telemt's read-only API said in one scrape, as the ledger needs it: the process identity
/// (`GET /v1/system/info`) and every configured user's `total_octets` (`GET /v1/users`, both
/// directions summed, per counter generation, like `/metrics`).
public struct TelemtAPIObservation: Sendable, Equatable {
    /// One user's numbers from `GET /v1/users`.
    public struct User: Sendable, Equatable {
        /// `total_octets`: bytes from and to the user's clients since its series began.
        public var totalOctets: UInt64
        /// `current_connections`.
        public var currentConnections: UInt64?

        /// Creates a user entry.
        public init(totalOctets: UInt64, currentConnections: UInt64? = nil) {
            self.totalOctets = totalOctets
            self.currentConnections = currentConnections
        }
    }

    /// `process_started_at_epoch_secs`: fixed for the life of one telemt process.
    public var processStartedAt: UInt64?
    /// Every configured user, by name.
    public var users: [String: User]

    /// Creates an observation.
    public init(processStartedAt: UInt64? = nil, users: [String: User] = [:]) {
        self.processStartedAt = processStartedAt
        self.users = users
    }
}
