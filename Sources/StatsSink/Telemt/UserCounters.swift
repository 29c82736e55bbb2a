/// One user's series in one telemt scrape: raw octet counters and current gauges.
public struct UserCounters: Sendable, Equatable {
    /// `telemt_user_octets_from_client`: bytes received from the user's clients since the series began.
    public var octetsFromClient: UInt64
    /// `telemt_user_octets_to_client`: bytes sent to the user's clients since the series began.
    public var octetsToClient: UInt64
    /// `telemt_user_connections_current`, when telemt printed it.
    public var connectionsCurrent: UInt64?
    /// `telemt_user_unique_ips_current`, when telemt printed it.
    public var uniqueIPsCurrent: UInt64?

    /// Creates counters.
    public init(octetsFromClient: UInt64, octetsToClient: UInt64, connectionsCurrent: UInt64? = nil, uniqueIPsCurrent: UInt64? = nil) {
        self.octetsFromClient = octetsFromClient
        self.octetsToClient = octetsToClient
        self.connectionsCurrent = connectionsCurrent
        self.uniqueIPsCurrent = uniqueIPsCurrent
    }
}
