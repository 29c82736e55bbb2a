public import Foundation
public import Spec

/// `telemt-gitops fleet`: one row per node of `nodes:` from the committed status files (and, when
/// given, the shared store's traffic): health by heartbeat age, users placed and served, the
/// revision applied and how far behind the branch it is, traffic this period.
public struct FleetReport: Sendable, Equatable {
    /// One node.
    public struct Row: Sendable, Equatable {
        public var node: String
        /// `host:port`.
        public var endpoint: String
        public var region: String?
        /// `up`, `down` (heartbeat older than `fleet.down_after`) or `unknown` (no status file).
        public var health: String
        /// The newest heartbeat, if any.
        public var heartbeat: Date?
        /// Users placement puts on the node (the down nodes left out).
        public var placed: Int
        /// Users in its status file: what it serves as of its last status.
        public var served: Int?
        /// The revision it applied, if any.
        public var applied: String?
        /// Desired-state commits between the applied revision and the branch (0: current), if known.
        public var lag: Int?
        /// Bytes its users moved in their current periods on this node (the store's, else the status file's, rounded down).
        public var traffic: UInt64?
        /// The node's warnings and a failed attempt, from its status.
        public var problems: [String]
    }

    /// The revision the branch is at.
    public var revision: String
    /// When the report was made.
    public var at: Date
    /// The nodes, by name.
    public var rows: [Row]

    /// The report of `desired`'s nodes from `statusFiles` at `now`: nodes whose heartbeat is older than
    /// `downAfter` are down. `lag` tells how far a revision is behind; `traffic` (by node) overrides
    /// the status files' usage.
    public static func make(_ desired: DesiredState, revision: String, statusFiles: [DesiredFile], now: Date, downAfter: TimeInterval,
                            lag: (String) -> Int? = { _ in nil }, traffic: [String: UInt64]? = nil) -> FleetReport {
        var statuses: [String: NodeStatus] = [:]
        for file in statusFiles {
            guard let node = FleetHeartbeats.node(of: file.path), let status = try? NodeStatus(reading: file.bytes, file: file.path) else { continue }
            statuses[node] = status
        }
        // A heartbeat more than `downAfter` ahead of this clock is not taken, as a tick does not take it.
        let down = Set(desired.nodes.map(\.name).filter { node in statuses[node].map { abs(now.timeIntervalSince($0.heartbeat)) > downAfter } ?? true })
        let placed = (FleetPlacement.nodes(of: desired, down: down) ?? [:]).values.reduce(into: [String: Int]()) { counts, nodes in
            for node in nodes { counts[node.name, default: 0] += 1 }
        }
        let rows = desired.nodes.map { node in
            let status = statuses[node.name]
            let health = status == nil ? "unknown" : down.contains(node.name) ? "down" : "up"
            let ahead = status.map { $0.heartbeat.timeIntervalSince(now) > downAfter } == true
                ? ["its heartbeat is more than fleet.down_after ahead of this clock, and hosts whose clocks agree do not take it: check its clock (NTP)"] : []
            let problems = ahead + (status?.attempted.map { ["revision \($0.revision.prefix(12)) failed: \($0.error)"] } ?? []) + (status?.warnings ?? [])
            return Row(node: node.name, endpoint: "\(node.endpoint.host):\(node.endpoint.port)", region: node.region, health: health,
                       heartbeat: status?.heartbeat, placed: placed[node.name] ?? 0, served: status?.users.count,
                       applied: status?.applied?.revision, lag: status?.applied.flatMap { lag($0.revision) },
                       traffic: traffic?[node.name] ?? status.map { Self.traffic($0, now: now) }, problems: problems)
        }
        return FleetReport(revision: revision, at: now, rows: rows)
    }

    /// The status's users' usage in the periods that hold `now`.
    static func traffic(_ status: NodeStatus, now: Date) -> UInt64 {
        status.users.reduce(0) { sum, entry in
            guard entry.period.map({ $0.contains(now) }) ?? true else { return sum }
            let (total, overflow) = sum.addingReportingOverflow(entry.used)
            return overflow ? .max : total
        }
    }
}
