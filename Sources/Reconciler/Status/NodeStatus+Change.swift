import Foundation

extension NodeStatus {
    /// Whether writing `self` over `previous` tells a reader something new: anything but the
    /// heartbeat, users' current connections (they move on every scrape) and jitter of telemt's start
    /// time (derived from its uptime, so it moves by a second between scrapes).
    /// Instants are compared in whole seconds, as the file writes them.
    public func differsMeaningfully(from previous: NodeStatus) -> Bool {
        guard users.count == previous.users.count,
              zip(users, previous.users).allSatisfy({ Self.normalized($0) == Self.normalized($1) }) else { return true }
        return normalized(against: previous) != previous.normalized(against: previous)
    }

    /// The node's fields compared in whole seconds, the users left out (compared one by one).
    private func normalized(against reference: NodeStatus) -> NodeStatus {
        var copy = self
        copy.heartbeat = reference.heartbeat
        copy.users = []
        copy.applied?.at = Self.second(applied?.at ?? reference.heartbeat)
        copy.telemt?.started = telemt?.started.map(Self.second)
        if let started = telemt?.started, let before = reference.telemt?.started, abs(started.timeIntervalSince(before)) < 60 {
            copy.telemt?.started = Self.second(before)
        }
        return copy
    }

    private static func normalized(_ user: UserStatusEntry) -> UserStatusEntry {
        var user = user
        user.connections = 0
        user.period = user.period.map { DateInterval(start: second($0.start), end: second($0.end)) }
        user.expire = user.expire.map(second)
        user.firstSeen = user.firstSeen.map(second)
        return user
    }

    private static func second(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }
}
