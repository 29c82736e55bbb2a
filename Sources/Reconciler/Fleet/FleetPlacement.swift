public import Spec

/// Where a fleet spec's users are, for commands that are not a tick (`links`, `fleet`): every user's
/// nodes by weighted rendezvous hashing with every node up (a host's tick also leaves the down ones out).
public enum FleetPlacement {
    /// Each user's nodes, in rendezvous order, by user name; nil for a spec without `nodes:`.
    public static func nodes(of desired: DesiredState, down: Set<String> = []) -> [String: [NodeSpec]]? {
        guard !desired.nodes.isEmpty else { return nil }
        let byName = Dictionary(desired.nodes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let placer = RendezvousPlacer(nodes: desired.nodes.map(FleetView.placementNode))
        let placement = placer.place(desired.users.map { PlacementUser(name: $0.name, request: FleetView.request($0.placement, nodes: desired.nodes)) },
                                     excluding: down.count >= desired.nodes.count ? [] : down)
        var result: [String: [NodeSpec]] = [:]
        result.reserveCapacity(desired.users.count)
        for index in desired.users.indices {
            result[desired.users[index].name] = placement.nodeNames(ofUserAt: index).compactMap { byName[$0] }
        }
        return result
    }
}
