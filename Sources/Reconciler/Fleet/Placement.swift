/// Where every user of a fleet is: for each user, in the order of the input, its ordered nodes
/// (the first is its primary). Made by ``RendezvousPlacer`` (or ``ReferencePlacer``); two
/// placements give the ``PlacementMove``s between them.
public struct Placement: Sendable, Equatable {
    /// The placeable nodes, sorted by name.
    public let nodes: [PlacementNode]
    /// The nodes left out of placement (down), by name.
    public let excluded: Set<String>
    /// The users, in the order they were given.
    public let users: [PlacementUser]
    /// User `i`'s nodes are `slots[offsets[i]..<offsets[i + 1]]`, as positions in `nodes`.
    let offsets: [Int32]
    let slots: [UInt16]

    init(index: FleetIndex, excluded: Set<String>, users: [PlacementUser], offsets: [Int32], slots: [UInt16]) {
        self.nodes = index.nodes
        self.excluded = excluded
        self.users = users
        self.offsets = offsets
        self.slots = slots
    }

    /// The number of users.
    public var count: Int { users.count }

    /// The positions in ``nodes`` of user `index`'s nodes, in order.
    public func nodeIndices(ofUserAt index: Int) -> ArraySlice<UInt16> {
        slots[Int(offsets[index])..<Int(offsets[index + 1])]
    }

    /// The names of user `index`'s nodes, in order (empty when no node qualifies).
    public func nodeNames(ofUserAt index: Int) -> [String] {
        nodeIndices(ofUserAt: index).map { nodes[Int($0)].name }
    }

    /// Every user's node names, by user name.
    public var assignments: [String: [String]] {
        var result: [String: [String]] = [:]
        result.reserveCapacity(users.count)
        for index in users.indices { result[users[index].name] = nodeNames(ofUserAt: index) }
        return result
    }

    /// How many users each node carries (as primary or replica), by node name; every node is listed.
    public var userCounts: [String: Int] {
        var counts = [Int](repeating: 0, count: nodes.count)
        for slot in slots { counts[Int(slot)] += 1 }
        return Dictionary(uniqueKeysWithValues: zip(nodes.map(\.name), counts))
    }
}
