public import Foundation

/// A user whose set of nodes differs between two placements: the nodes it leaves, the nodes it
/// joins and why, for a plan to print (`~ alice eu-1 → eu-2 (eu-1 down since 12:03)`).
public struct PlacementMove: Sendable, Equatable {
    /// The user's name.
    public let user: String
    /// The nodes it leaves, in the old placement's order.
    public let from: [String]
    /// The nodes it joins, in the new placement's order.
    public let to: [String]
    /// The first cause found, in the order of ``Reason``'s cases.
    public let reason: Reason

    /// Why a user moves.
    public enum Reason: Sendable, Equatable {
        /// A node it leaves went down at `since` (`nil`: it never sent a heartbeat).
        case nodeDown(String, since: Date?)
        /// A node it leaves is no longer in the fleet (or has no positive weight).
        case nodeRemoved(String)
        /// A node it joins is back up.
        case nodeUp(String)
        /// A node it joins is new in the fleet.
        case nodeAdded(String)
        /// Its own request changed (pins, selector, replicas).
        case requestChanged
        /// Weights or labels of the fleet changed.
        case fleetChanged
    }

    /// The plan's line: `~ alice eu-1 → eu-2 (eu-1 down since 12:03)`. Times are `HH:mm` in
    /// `timeZone`, with the date before them when it is not `now`'s date.
    public func line(timeZone: TimeZone, now: Date) -> String {
        let from = self.from.isEmpty ? "(none)" : self.from.joined(separator: ", ")
        let to = self.to.isEmpty ? "(none)" : self.to.joined(separator: ", ")
        return "~ \(user) \(from) → \(to) (\(explanation(timeZone: timeZone, now: now)))"
    }

    /// The reason in words.
    public func explanation(timeZone: TimeZone, now: Date) -> String {
        switch reason {
        case .nodeDown(let node, let since?): "\(node) down since \(Self.clock(since, timeZone: timeZone, now: now))"
        case .nodeDown(let node, nil): "\(node) down, no heartbeat yet"
        case .nodeRemoved(let node): "\(node) removed"
        case .nodeUp(let node): "\(node) back up"
        case .nodeAdded(let node): "\(node) added"
        case .requestChanged: "placement changed"
        case .fleetChanged: "node weights or labels changed"
        }
    }

    /// `HH:mm`, or `yyyy-MM-dd HH:mm` when `date` falls on another day than `now` in `timeZone`.
    static func clock(_ date: Date, timeZone: TimeZone, now: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let time = pad(parts.hour ?? 0) + ":" + pad(parts.minute ?? 0)
        guard !calendar.isDate(date, inSameDayAs: now) else { return time }
        return "\(parts.year ?? 0)-\(pad(parts.month ?? 0))-\(pad(parts.day ?? 0)) \(time)"
    }

    private static func pad(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
