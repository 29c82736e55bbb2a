/// One line of a plan's domain diff: what happens to one user, in words.
public struct DomainChange: Sendable, Equatable {
    /// The kind of change and its sign.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// A new user.
        case add = "+"
        /// A removed user.
        case remove = "-"
        /// Changed limits, expiry or flags.
        case change = "~"
        /// A new secret: the old link stops working.
        case rotate = "↻"
        /// The user's state changes without a change in the spec (a limit reached, an expiry passed).
        case state = "!"

        /// The word used in JSON.
        public var word: String {
            switch self {
            case .add: "add"
            case .remove: "remove"
            case .change: "change"
            case .rotate: "rotate"
            case .state: "state"
            }
        }
    }

    /// The kind.
    public var kind: Kind
    /// The user's name.
    public var user: String
    /// The rest of the line: `100 GiB/month, expires 2027-01-01`.
    public var detail: String
    /// The state before and after, when it changes (`active` → `limited`).
    public var stateChange: (from: String, to: String)?

    /// Creates a change.
    public init(_ kind: Kind, _ user: String, _ detail: String = "", stateChange: (from: String, to: String)? = nil) {
        self.kind = kind
        self.user = user
        self.detail = detail
        self.stateChange = stateChange
    }

    /// `~ bob limit 50 GiB → 20 GiB: used 30.1 GiB this month, becomes limited`.
    public var line: String {
        "\(kind.rawValue) \(user)" + (detail.isEmpty ? "" : " \(detail)")
    }

    public static func == (lhs: DomainChange, rhs: DomainChange) -> Bool {
        lhs.kind == rhs.kind && lhs.user == rhs.user && lhs.detail == rhs.detail
            && lhs.stateChange?.from == rhs.stateChange?.from && lhs.stateChange?.to == rhs.stateChange?.to
    }
}
