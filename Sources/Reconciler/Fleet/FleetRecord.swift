import Foundation

/// What a host keeps between ticks about its fleet (`<state_dir>/fleet.json`): its judgement of every
/// node's heartbeats, and the placement it last applied, so the next tick can say who moved and why.
struct FleetRecord: Sendable, Codable, Equatable {
    /// The file's name in the state directory.
    static let fileName = "fleet.json"

    /// Each node's health from its heartbeats.
    var availability: NodeAvailability
    /// The placement last applied, if any.
    var placed: PlacedFleet?
    /// When this host last took heartbeats in. A host that did not look for longer than `down_after`
    /// (stopped, its VM paused, its clock stepped back) cannot tell others' gaps from its own, and
    /// judges every node afresh.
    var observedAt: Date?

    /// The record, or nil when `bytes` are not one (then the host starts afresh: every node judged anew).
    init?(json bytes: [UInt8]) {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        guard let record = try? decoder.decode(FleetRecord.self, from: Data(bytes)) else { return nil }
        self = record
    }

    init(availability: NodeAvailability, placed: PlacedFleet? = nil, observedAt: Date? = nil) {
        self.availability = availability
        self.placed = placed
        self.observedAt = observedAt
    }

    /// The record as JSON, keys sorted (so the same record is the same bytes).
    var json: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        return Array((try? encoder.encode(self)) ?? Data())
    }
}

/// A placement as recorded: enough to compute it again (the nodes, the down nodes, each user's request).
struct PlacedFleet: Sendable, Codable, Equatable {
    /// One placeable node.
    struct Node: Sendable, Codable, Equatable {
        var name: String
        var weight: Double
        var labels: [String]
    }

    /// The users that asked for the same thing.
    struct Group: Sendable, Codable, Equatable {
        var pinned: [String]?
        var replicas: Int?
        var labels: [String]?
        var users: [String]

        var request: PlacementRequest {
            if let pinned { return .pinned(pinned) }
            return .replicas(replicas ?? 1, labels: Set(labels ?? []))
        }
    }

    /// The revision it was placed for.
    var revision: String
    var nodes: [Node]
    /// The nodes left out, sorted.
    var down: [String]
    var groups: [Group]

    /// The record of `placement`, made for `revision`.
    init(_ placement: Placement, revision: String) {
        self.revision = revision
        nodes = placement.nodes.map { Node(name: $0.name, weight: $0.weight, labels: $0.labels.sorted()) }
        down = placement.excluded.sorted()
        var order: [PlacementRequest] = []
        var members: [PlacementRequest: [String]] = [:]
        for user in placement.users {
            if members[user.request] == nil { order.append(user.request) }
            members[user.request, default: []].append(user.name)
        }
        groups = order.map { request in
            switch request {
            case .pinned(let names): Group(pinned: names, users: members[request] ?? [])
            case .replicas(let count, let labels): Group(replicas: count, labels: labels.isEmpty ? nil : labels.sorted(), users: members[request] ?? [])
            }
        }
    }

    /// The placement computed again.
    var placement: Placement {
        let placer = RendezvousPlacer(nodes: nodes.map { PlacementNode(name: $0.name, weight: $0.weight, labels: Set($0.labels)) })
        let users = groups.flatMap { group in group.users.map { PlacementUser(name: $0, request: group.request) } }
        return placer.place(users, excluding: Set(down))
    }

    /// Whether `placement` for `revision` is this one again (nothing can have moved).
    func matches(_ placement: Placement, revision: String) -> Bool {
        self.revision == revision && down == placement.excluded.sorted() && nodes.map(\.name) == placement.nodes.map(\.name)
    }
}
