/// Weighted rendezvous placement, fast: every user with `replicas` goes to the first nodes of its
/// rendezvous order (``RendezvousHash``) among the eligible nodes that are up.
///
/// Same result as ``ReferencePlacer`` (which scores and sorts every node), computed with less work:
/// node keys are hashed once; eligible nodes are grouped by weight, and inside a group the score is
/// non-decreasing in the draw, so each group's best `replicas` are found by comparing integer draws
/// without a logarithm; only when there are several weights are those few candidates scored and
/// merged. No allocation per user: pins aside, results go into one flat array.
public struct RendezvousPlacer: Sendable {
    let index: FleetIndex
    /// `RendezvousHash.nodePart(key(name))` of every node, by position.
    let parts: [UInt64]

    /// A placer over `nodes` (any order; nodes without a positive weight are left out).
    public init(nodes: [PlacementNode]) {
        index = FleetIndex(nodes)
        parts = index.nodes.map { RendezvousHash.nodePart(RendezvousHash.key($0.name)) }
    }

    /// The placeable nodes, sorted by name.
    public var nodes: [PlacementNode] { index.nodes }

    /// Every user's nodes, leaving out the nodes named in `excluded` (down): their users go to the
    /// next nodes of their rendezvous order, and pinned users stay.
    public func place(_ users: [PlacementUser], excluding excluded: Set<String> = []) -> Placement {
        let everyNode = candidates(labels: [], excluding: excluded)
        var bySelector: [Set<String>: CandidateSet] = [:]
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(users.count + 1)
        var slots: [UInt16] = []
        slots.reserveCapacity(users.count * 2)
        var scratch = SelectionScratch()
        for user in users {
            switch user.request {
            case .pinned(let names):
                slots.append(contentsOf: index.pinned(names))
            case .replicas(let count, let labels):
                let set: CandidateSet
                if labels.isEmpty {
                    set = everyNode
                } else if let known = bySelector[labels] {
                    set = known
                } else {
                    set = candidates(labels: labels, excluding: excluded)
                    bySelector[labels] = set
                }
                scratch.select(userKey: RendezvousHash.key(user.name), from: set, replicas: max(1, count), into: &slots)
            }
            offsets.append(Int32(slots.count))
        }
        return Placement(index: index, excluded: excluded, users: users, offsets: offsets, slots: slots)
    }

    /// The eligible nodes for `labels`, grouped by weight.
    func candidates(labels: Set<String>, excluding excluded: Set<String>) -> CandidateSet {
        var groups: [WeightGroup] = []
        for position in index.eligible(labels: labels, excluding: excluded) {
            let weight = index.nodes[position].weight
            if let group = groups.firstIndex(where: { $0.weight == weight }) {
                groups[group].append(part: parts[position], position: UInt16(position))
            } else {
                groups.append(WeightGroup(weight: weight, parts: [parts[position]], positions: [UInt16(position)]))
            }
        }
        return CandidateSet(groups: groups)
    }
}

/// The eligible nodes of one selector, grouped by weight.
struct CandidateSet: Sendable {
    let groups: [WeightGroup]
    /// How many nodes are eligible.
    var count: Int { groups.reduce(0) { $0 + $1.parts.count } }
}

/// Eligible nodes of one weight: their hash parts and positions, positions ascending.
struct WeightGroup: Sendable {
    let weight: Double
    var parts: [UInt64]
    var positions: [UInt16]

    mutating func append(part: UInt64, position: UInt16) {
        parts.append(part)
        positions.append(position)
    }
}
