public import Foundation

/// Which nodes of a fleet are in placement, decided from their heartbeats: a value whose
/// ``observe(heartbeats:nodes:now:)`` returns the actions to take, with no clock or I/O of its own.
///
/// Rules (times are heartbeat timestamps wherever possible, so hosts that see the same heartbeats
/// agree on when things happened, whenever they look):
/// - An up node goes **down** when its newest heartbeat is older than `downAfter` at `now`; it has
///   been down since that heartbeat + `downAfter`. Two heartbeats seen one after the other more than
///   `downAfter` apart also mean it was down in between (a host that did not look meanwhile still
///   finds the outage).
/// - A down node comes back **up** only once its heartbeats have been fresh without a break for
///   `upAfter`: from the first heartbeat of the run to the newest, each seen no more than
///   `downAfter` after the one before, the newest fresh at `now`. A stale look or a gap restarts the
///   run, so a node whose heartbeat comes and goes stays down instead of moving users back and forth.
/// - A node seen for the first time is up if its heartbeat is fresh (no run to wait for when a host
///   starts), otherwise down; so is a node known only by name until its first heartbeat arrives.
///   Heartbeats never go back: an older one than already seen is ignored.
///
/// Every host must look more often than `downAfter`, or it may take a quiet stretch for a gap.
public struct NodeAvailability: Sendable, Equatable, Codable {
    /// How old a heartbeat may be before its node goes down, in seconds.
    public let downAfter: TimeInterval
    /// How long a down node's heartbeats must be fresh before it comes back, in seconds.
    public let upAfter: TimeInterval
    /// Each node's health, by name.
    public private(set) var health: [String: NodeHealth] = [:]

    /// A machine with `downAfter` and `upAfter` in seconds (negative values count as 0).
    public init(downAfter: TimeInterval, upAfter: TimeInterval) {
        self.downAfter = max(0, downAfter)
        self.upAfter = max(0, upAfter)
    }

    /// The nodes out of placement, by name.
    public var down: Set<String> { Set(health.filter { !$0.value.isUp }.keys) }

    /// When each down node went down (absent: up, or no heartbeat ever).
    public var downSince: [String: Date] {
        health.compactMapValues { if case .down(let since, _, _) = $0 { since } else { nil } }
    }

    /// Takes in the newest heartbeat of each of `nodes` (missing: none) at `now`, and returns what
    /// changed, by node name. Nodes not in `nodes` are forgotten.
    public mutating func observe(heartbeats: [String: Date], nodes: [String], now: Date) -> [AvailabilityAction] {
        var next: [String: NodeHealth] = [:]
        var actions: [AvailabilityAction] = []
        for node in Set(nodes).sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let (health, action) = step(health[node], heartbeat: heartbeats[node], node: node, now: now)
            next[node] = health
            if let action { actions.append(action) }
        }
        health = next
        return actions
    }

    /// One node's next health and the action it calls for.
    func step(_ state: NodeHealth?, heartbeat: Date?, node: String, now: Date) -> (NodeHealth, AvailabilityAction?) {
        let previous = state?.lastHeartbeat
        guard let newest = [previous, heartbeat].compactMap({ $0 }).max() else {
            let since = state.flatMap { if case .down(let since, _, _) = $0 { since } else { nil } }
            return (.down(since: since, freshSince: nil, lastHeartbeat: nil), state == nil ? .markDown(node: node, since: nil) : nil)
        }
        let fresh = now.timeIntervalSince(newest) <= downAfter
        switch state {
        case nil:
            if fresh { return (.up(lastHeartbeat: newest), nil) }
            let since = newest.addingTimeInterval(downAfter)
            return (.down(since: since, freshSince: nil, lastHeartbeat: newest), .markDown(node: node, since: since))
        case .up(let last):
            return stepUp(last: last, newest: newest, fresh: fresh, node: node)
        case .down(let since, let freshSince, let last):
            return stepDown(since: since, freshSince: freshSince, last: last, newest: newest, fresh: fresh, node: node)
        }
    }

    private func stepUp(last: Date, newest: Date, fresh: Bool, node: String) -> (NodeHealth, AvailabilityAction?) {
        if !fresh {
            let since = newest.addingTimeInterval(downAfter)
            return (.down(since: since, freshSince: nil, lastHeartbeat: newest), .markDown(node: node, since: since))
        }
        if newest.timeIntervalSince(last) > downAfter {
            let since = last.addingTimeInterval(downAfter)
            return (.down(since: since, freshSince: newest, lastHeartbeat: newest), .markDown(node: node, since: since))
        }
        return (.up(lastHeartbeat: newest), nil)
    }

    private func stepDown(
        since: Date?, freshSince: Date?, last: Date?, newest: Date, fresh: Bool, node: String
    ) -> (NodeHealth, AvailabilityAction?) {
        guard fresh else { return (.down(since: since, freshSince: nil, lastHeartbeat: newest), nil) }
        // A node never heard from before (a new host, a fleet starting together) joins on its first fresh heartbeat.
        if last == nil { return (.up(lastHeartbeat: newest), .markUp(node: node, downSince: since)) }
        let broken = last.map { newest.timeIntervalSince($0) > downAfter } ?? true
        let start = broken ? newest : freshSince ?? newest
        if newest.timeIntervalSince(start) >= upAfter {
            return (.up(lastHeartbeat: newest), .markUp(node: node, downSince: since))
        }
        return (.down(since: since, freshSince: start, lastHeartbeat: newest), nil)
    }
}
