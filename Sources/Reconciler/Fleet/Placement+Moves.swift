public import Foundation

extension Placement {
    /// The users whose set of nodes differs in `new`, in `new`'s order; a user only in one of the
    /// two (added or removed) and a user whose nodes only change order are not moves. `downSince`
    /// dates the nodes that are down (``NodeAvailability/downSince``).
    public func moves(to new: Placement, downSince: [String: Date] = [:]) -> [PlacementMove] {
        var oldIndex: [String: Int] = [:]
        oldIndex.reserveCapacity(users.count)
        for index in users.indices { oldIndex[users[index].name] = index }
        let oldNodes = Set(nodes.map(\.name))
        let newNodes = Set(new.nodes.map(\.name))
        var result: [PlacementMove] = []
        for index in new.users.indices {
            guard let old = oldIndex[new.users[index].name] else { continue }
            let before = nodeNames(ofUserAt: old)
            let after = new.nodeNames(ofUserAt: index)
            guard Set(before) != Set(after) else { continue }
            let from = before.filter { !after.contains($0) }
            let to = after.filter { !before.contains($0) }
            let reason: PlacementMove.Reason
            if let node = from.first(where: { new.excluded.contains($0) }) {
                reason = .nodeDown(node, since: downSince[node])
            } else if let node = from.first(where: { !newNodes.contains($0) }) {
                reason = .nodeRemoved(node)
            } else if let node = to.first(where: { excluded.contains($0) }) {
                reason = .nodeUp(node)
            } else if let node = to.first(where: { !oldNodes.contains($0) }) {
                reason = .nodeAdded(node)
            } else {
                reason = users[old].request == new.users[index].request ? .fleetChanged : .requestChanged
            }
            result.append(PlacementMove(user: new.users[index].name, from: from, to: to, reason: reason))
        }
        return result
    }
}
