public import Foundation

/// What one host has concluded about one node from its heartbeats (see ``NodeAvailability``).
public enum NodeHealth: Sendable, Equatable, Codable {
    /// In placement; `lastHeartbeat` is the newest heartbeat seen.
    case up(lastHeartbeat: Date)
    /// Out of placement since `since` (the newest heartbeat + `downAfter`; `nil`: never sent one).
    /// `freshSince` is the first heartbeat of the current unbroken run of fresh heartbeats, if any.
    case down(since: Date?, freshSince: Date?, lastHeartbeat: Date?)

    /// Whether the node is in placement.
    public var isUp: Bool {
        if case .up = self { return true }
        return false
    }

    /// The newest heartbeat seen, if any.
    var lastHeartbeat: Date? {
        switch self {
        case .up(let last): last
        case .down(_, _, let last): last
        }
    }
}

/// What a host does after ``NodeAvailability/observe(heartbeats:nodes:now:)``: take a node out of
/// placement or put it back.
public enum AvailabilityAction: Sendable, Equatable {
    /// Take `node` out of placement; it has been down since `since` (`nil`: no heartbeat ever).
    case markDown(node: String, since: Date?)
    /// Put `node` back; it had been down since `downSince`.
    case markUp(node: String, downSince: Date?)
}
