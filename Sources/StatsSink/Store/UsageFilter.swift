/// Which traffic a usage query covers: one node or all, one user or all.
public struct UsageFilter: Sendable, Equatable {
    /// Only this node's traffic; `nil` sums every node (fleets with a shared store).
    public var node: String?
    /// Only this user; `nil` answers for every user.
    public var user: String?

    /// Creates a filter.
    public init(node: String? = nil, user: String? = nil) {
        self.node = node
        self.user = user
    }

    /// Every node, every user.
    public static let all = UsageFilter()
}
