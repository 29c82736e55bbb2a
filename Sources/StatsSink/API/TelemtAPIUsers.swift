/// The users telemt reports on `GET /v1/users`, keyed by name, with the envelope's revision.
///
/// telemt lists every configured user in one buffered answer (no pagination); reading is bounded
/// by a maximum user count and by the client's body limit.
public struct TelemtAPIUsers: Sendable, Equatable {
    /// The users by name.
    public var users: [String: TelemtAPIUser]
    /// The envelope's `revision` (telemt's SHA-256 of its config file on disk).
    public var revision: String

    /// Creates a value.
    public init(users: [String: TelemtAPIUser], revision: String) {
        self.users = users
        self.revision = revision
    }

    /// The default bound on the number of users in one answer.
    public static let defaultMaxUsers = 1_000_000

    /// Reads the body of a `GET /v1/users` answer.
    ///
    /// Refuses malformed JSON, `ok: false` (with telemt's code and message), a user listed twice,
    /// a user without `username`, `total_octets`, `current_connections` or `enabled`, and more
    /// than `maxUsers` users. Errors never contain any string of the body but telemt's error text.
    public init(jsonBody body: [UInt8], maxUsers: Int = TelemtAPIUsers.defaultMaxUsers) throws(TelemtAPIError.Reason) {
        var users: [String: TelemtAPIUser] = [:]
        revision = try TelemtAPIEnvelope.read(body) { (scanner) throws(JSONScanError) in
            users.reserveCapacity(min(maxUsers, body.count / 256))
            try scanner.readArray { (scanner) throws(JSONScanError) in
                let start = scanner.index
                guard users.count < maxUsers else {
                    throw scanner.failure(expected: "at most \(maxUsers) users", found: "more")
                }
                let user = try TelemtAPIUser.read(&scanner)
                guard users.updateValue(user, forKey: user.username) == nil else {
                    throw scanner.failure(expected: "each username once", found: "a user listed twice", at: start)
                }
            }
        }
        self.users = users
    }
}
