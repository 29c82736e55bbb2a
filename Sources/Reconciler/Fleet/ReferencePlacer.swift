/// Weighted rendezvous placement as defined, done the straightforward way: for each user, score
/// every eligible node from the two names, sort all of them, take the first `replicas`. Slow, and
/// the yardstick: tests check that ``RendezvousPlacer`` agrees with it, and the placement benchmark
/// measures against it.
public struct ReferencePlacer: Sendable {
    let index: FleetIndex

    /// A placer over `nodes` (any order; nodes without a positive weight are left out).
    public init(nodes: [PlacementNode]) {
        index = FleetIndex(nodes)
    }

    /// Every user's nodes, leaving out the nodes named in `excluded`.
    public func place(_ users: [PlacementUser], excluding excluded: Set<String> = []) -> Placement {
        var offsets: [Int32] = [0]
        var slots: [UInt16] = []
        for user in users {
            switch user.request {
            case .pinned(let names):
                slots.append(contentsOf: index.pinned(names))
            case .replicas(let count, let labels):
                let order = rendezvousOrder(user.name, among: index.eligible(labels: labels, excluding: excluded))
                slots.append(contentsOf: order.prefix(max(1, count)).map { UInt16($0) })
            }
            offsets.append(Int32(slots.count))
        }
        return Placement(index: index, excluded: excluded, users: users, offsets: offsets, slots: slots)
    }

    /// The positions of `eligible` in `user`'s rendezvous order: score, then draw (both highest
    /// first), then name (byte order).
    public func rendezvousOrder(_ user: String, among eligible: [Int]) -> [Int] {
        let ranked = eligible.map { position in
            let node = index.nodes[position]
            let draw = RendezvousHash.draw(userKey: RendezvousHash.key(user), nodePart: RendezvousHash.nodePart(RendezvousHash.key(node.name)))
            return (position: position, name: node.name, draw: draw, score: RendezvousHash.score(user: user, node: node.name, weight: node.weight))
        }
        return ranked.sorted { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.draw != b.draw { return a.draw > b.draw }
            return a.name.utf8.lexicographicallyPrecedes(b.name.utf8)
        }.map(\.position)
    }
}
