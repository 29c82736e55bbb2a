/// One user as telemt's `GET /v1/users` reports it: only what accounting needs. The rest of the
/// entry (its `links`, which contain the user's secret, its IP lists and limits) is skipped
/// while reading and never stored.
public struct TelemtAPIUser: Sendable, Equatable {
    /// The user's name in telemt's `[access.users]`.
    public var username: String
    /// Bytes from and to the client together since telemt's current process started (`total_octets`).
    public var totalOctets: UInt64
    /// Connections open now (`current_connections`).
    public var currentConnections: UInt64
    /// Whether telemt admits the user (`enabled`).
    public var enabled: Bool

    /// Creates a user entry.
    public init(username: String, totalOctets: UInt64, currentConnections: UInt64, enabled: Bool) {
        self.username = username
        self.totalOctets = totalOctets
        self.currentConnections = currentConnections
        self.enabled = enabled
    }

    /// Reads one entry of the `data` array; `username`, `total_octets`, `current_connections` and
    /// `enabled` are required, each at most once.
    static func read(_ scanner: inout JSONScanner) throws(JSONScanError) -> TelemtAPIUser {
        let start = scanner.index
        var username: String?
        var totalOctets: UInt64?
        var currentConnections: UInt64?
        var enabled: Bool?
        try scanner.readObject { (scanner, key) throws(JSONScanError) in
            switch key {
            case "username": username = try once(username, "username", &scanner) { (s) throws(JSONScanError) in try s.readString() }
            case "total_octets": totalOctets = try once(totalOctets, "total_octets", &scanner) { (s) throws(JSONScanError) in try s.readUInt64() }
            case "current_connections":
                currentConnections = try once(currentConnections, "current_connections", &scanner) { (s) throws(JSONScanError) in try s.readUInt64() }
            case "enabled": enabled = try once(enabled, "enabled", &scanner) { (s) throws(JSONScanError) in try s.readBool() }
            default: break
            }
        }
        func missing(_ name: String) -> JSONScanError {
            scanner.failure(expected: "\"\(name)\" in every user", found: "a user without it", at: start)
        }
        guard let username, !username.isEmpty else { throw missing("username") }
        guard let totalOctets else { throw missing("total_octets") }
        guard let currentConnections else { throw missing("current_connections") }
        guard let enabled else { throw missing("enabled") }
        return TelemtAPIUser(username: username, totalOctets: totalOctets, currentConnections: currentConnections, enabled: enabled)
    }
}

/// Reads a member's value when it was not seen before in the same object.
func once<Value>(
    _ current: Value?, _ name: String, _ scanner: inout JSONScanner,
    _ read: (inout JSONScanner) throws(JSONScanError) -> Value
) throws(JSONScanError) -> Value {
    guard current == nil else { throw scanner.failure(expected: "one \"\(name)\" member", found: "a second one") }
    return try read(&scanner)
}
