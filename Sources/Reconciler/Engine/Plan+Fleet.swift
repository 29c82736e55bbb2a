import Foundation

extension Plan {
    /// The plan of a fleet's node: a user leaving or joining `node` while it stays in the spec is a
    /// move (`~ alice eu-1 → eu-2 (eu-1 down since 12:03)`), not a removal or an addition. A user
    /// leaving without a recorded placement (a host's first tick as a fleet) is said to go where
    /// `placement` puts it now.
    func withFleet(moves: [PlacementMove], placement: Placement, node: String, now: Date, timeZone: TimeZone) -> Plan {
        var plan = self
        var lines = moves.map { $0.line(timeZone: timeZone, now: now) }
        var moved = Set(moves.map(\.user))
        let leaving = changes.filter { $0.kind == .remove && !moved.contains($0.user) }.map(\.user)
        if !leaving.isEmpty {
            let index = Dictionary(placement.users.indices.map { (placement.users[$0].name, $0) }, uniquingKeysWith: { first, _ in first })
            for user in leaving {
                guard let position = index[user] else { continue }
                let nodes = placement.nodeNames(ofUserAt: position)
                lines.append("~ \(user) \(node) → \(nodes.isEmpty ? "(none)" : nodes.joined(separator: ", ")) (placed on other nodes)")
                moved.insert(user)
            }
        }
        plan.changes.removeAll { ($0.kind == .add || $0.kind == .remove) && moved.contains($0.user) }
        plan.fleet = lines.sorted()
        return plan
    }
}
