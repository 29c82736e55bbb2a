/// The last raw octet counters recorded for one (node, user) series.
public struct CounterBaseline: Sendable, Equatable {
    /// The last recorded `telemt_user_octets_from_client`.
    public var fromClient: UInt64
    /// The last recorded `telemt_user_octets_to_client`.
    public var toClient: UInt64

    /// Creates a baseline.
    public init(fromClient: UInt64, toClient: UInt64) {
        self.fromClient = fromClient
        self.toClient = toClient
    }
}
