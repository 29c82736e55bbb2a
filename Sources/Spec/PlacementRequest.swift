/// Where a user asks to be served in a fleet, after `defaults:`, the user's plan and the user's own
/// fields were merged. Placement (which nodes exactly) is decided from this and the live nodes.
public struct PlacementRequest: Sendable, Equatable, Hashable {
    /// Which nodes are candidates.
    public enum Selector: Sendable, Equatable, Hashable {
        /// Every node (also the only node of a spec without `nodes:`).
        case all
        /// Exactly these nodes, by name, as listed (`nodes: [eu-1, eu-2]`); never with ``replicas``.
        case pinned([String])
        /// The nodes that have every one of these labels (`nodes: { labels: [eu] }`).
        case labels([String])
    }

    /// The candidate nodes.
    public var selector: Selector
    /// On how many of the candidates; `nil` means on every candidate. Never more than the candidates.
    public var replicas: Int?

    /// Creates a request.
    public init(selector: Selector = .all, replicas: Int? = nil) {
        self.selector = selector
        self.replicas = replicas
    }

    /// Every node: what a user without `nodes` or `replicas` asks for, and every user of a spec without `nodes:`.
    public static let everywhere = PlacementRequest()
}
