import Foundation
import Spec

/// One host's part of a fleet: where every user of the spec is (``Placement``, with the down nodes
/// left out) and the desired state this host serves — the users placed on it, nothing else.
///
/// Pure: the same spec, node and down set give the same view on every host. A user without
/// `nodes` or `replicas` is on every node; a label selector without `replicas` pins the user to
/// every node carrying the labels; `replicas` places it by weighted rendezvous hashing.
struct FleetView: Sendable {
    /// This host's node.
    let node: NodeSpec
    /// Every user's nodes.
    let placement: Placement
    /// The desired state with only this node's users (`nodes:` and `plans:` kept).
    let local: DesiredState
    /// The nodes out of placement, and since when (nil: no heartbeat ever).
    let down: [String: Date?]

    /// The view of `node` over `desired`, or nil for a spec without `nodes:` (one node, every user).
    /// `down` never takes every node out: with no node known to be up, none is left out.
    static func make(_ desired: DesiredState, node name: String, down: [String: Date?]) throws(EngineError) -> FleetView? {
        guard !desired.nodes.isEmpty else { return nil }
        guard let node = desired.node(named: name) else { throw EngineError.unknownNode(name, nodes: desired.nodes.map(\.name)) }
        let names = Set(desired.nodes.map(\.name))
        let relevant = down.filter { names.contains($0.key) }
        let effective = relevant.count >= names.count ? [:] : relevant
        let placer = RendezvousPlacer(nodes: desired.nodes.map(Self.placementNode))
        let users = desired.users.map { PlacementUser(name: $0.name, request: request($0.placement, nodes: desired.nodes)) }
        let placement = placer.place(users, excluding: Set(effective.keys))
        var local = desired
        local.users = Self.users(of: name, in: placement, from: desired.users)
        return FleetView(node: node, placement: placement, local: local, down: effective)
    }

    /// A stamp of what the view depends on besides the revision: the down nodes.
    var stamp: String { "down:" + down.keys.sorted().joined(separator: ",") }

    /// The users whose nodes include `node`, in `users`' order (placement keeps the input order).
    static func users(of node: String, in placement: Placement, from users: [UserSpec]) -> [UserSpec] {
        guard let position = placement.nodes.firstIndex(where: { $0.name == node }).map(UInt16.init) else { return [] }
        return users.indices.filter { placement.nodeIndices(ofUserAt: $0).contains(position) }.map { users[$0] }
    }

    static func placementNode(_ node: NodeSpec) -> PlacementNode {
        PlacementNode(name: node.name, weight: Double(node.weight), labels: Set(node.labels))
    }

    /// The spec's request as placement takes it.
    static func request(_ wanted: Spec.PlacementRequest, nodes: [NodeSpec]) -> PlacementRequest {
        switch (wanted.selector, wanted.replicas) {
        case (.pinned(let names), _): .pinned(names)
        case (.all, nil): .pinned(nodes.map(\.name))
        case (.labels(let labels), nil): .pinned(nodes.filter { $0.matches(labels: labels) }.map(\.name))
        case (.all, let count?): .replicas(count, labels: [])
        case (.labels(let labels), let count?): .replicas(count, labels: Set(labels))
        }
    }
}
