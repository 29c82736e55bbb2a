/// The placeable nodes of a fleet sorted by name (UTF-8 byte order), so that a node's position is
/// its rank in the last tie-break and the input's order never matters; shared by both placers.
struct FleetIndex: Sendable, Equatable {
    /// The nodes with a weight above 0, by name; of a repeated name, the first.
    let nodes: [PlacementNode]
    /// A node's position in `nodes`, by name.
    let position: [String: Int]

    init(_ input: [PlacementNode]) {
        var seen: Set<String> = []
        let unique = input.filter { $0.isPlaceable && seen.insert($0.name).inserted }
        nodes = unique.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        precondition(nodes.count <= Int(UInt16.max), "a fleet has at most 65,535 nodes")
        position = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($0.element.name, $0.offset) })
    }

    /// The positions of pinned names, in their order, without repeats or names that are not nodes.
    func pinned(_ names: [String]) -> [UInt16] {
        var result: [UInt16] = []
        for name in names {
            if let index = position[name], !result.contains(UInt16(index)) { result.append(UInt16(index)) }
        }
        return result
    }

    /// The positions of the nodes that carry every one of `labels` and are not `excluded`, ascending.
    func eligible(labels: Set<String>, excluding excluded: Set<String>) -> [Int] {
        nodes.indices.filter { labels.isSubset(of: nodes[$0].labels) && !excluded.contains(nodes[$0].name) }
    }
}
