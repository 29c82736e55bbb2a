/// Where a user wants to be: on named nodes, or on `replicas` nodes chosen by weighted rendezvous
/// hashing among all nodes or among the nodes that carry every label of a selector.
public enum PlacementRequest: Sendable, Hashable {
    /// On exactly these nodes, in this order. Pins do not fail over: a pinned user stays on its
    /// nodes while they are down (there is nowhere else it may go). Names that are not nodes are skipped.
    case pinned([String])
    /// On the first `replicas` nodes in the user's rendezvous order among the nodes that are up and
    /// carry every one of `labels` (all nodes when empty); fewer when fewer nodes qualify.
    case replicas(Int, labels: Set<String>)

    /// On `replicas` nodes over all nodes (at least 1).
    public static func spread(_ replicas: Int) -> PlacementRequest {
        .replicas(replicas, labels: [])
    }

    /// How many nodes the request asks for, at least 1 (for pins, how many are named).
    var replicaCount: Int {
        switch self {
        case .pinned(let names): names.count
        case .replicas(let count, _): max(1, count)
        }
    }
}

/// A user and its request, as placement takes them.
public struct PlacementUser: Sendable, Hashable {
    /// The user's name (`alice`).
    public let name: String
    /// Where it wants to be.
    public let request: PlacementRequest

    /// `name` with `request` (default: one node over all nodes).
    public init(name: String, request: PlacementRequest = .spread(1)) {
        self.name = name
        self.request = request
    }
}
