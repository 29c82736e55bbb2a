import Foundation

extension NodeStatus {
    /// Whether writing `self` over `previous` tells a reader something new: anything but the
    /// heartbeat, users' current connections (they move on every scrape) and jitter of telemt's start
    /// time (derived from its uptime, so it moves by a second between scrapes).
    /// Compared as written (whole seconds), so an instant's fraction of a second is no change.
    public func differsMeaningfully(from previous: NodeStatus) -> Bool {
        let zone = TimeZone(identifier: "UTC") ?? .current
        return normalized(against: previous).yaml(timeZone: zone) != previous.normalized(against: previous).yaml(timeZone: zone)
    }

    private func normalized(against reference: NodeStatus) -> NodeStatus {
        var copy = self
        copy.heartbeat = reference.heartbeat
        copy.users = users.map { user in
            var user = user
            user.connections = 0
            return user
        }
        if let started = telemt?.started, let before = reference.telemt?.started, abs(started.timeIntervalSince(before)) < 60 {
            copy.telemt?.started = before
        }
        return copy
    }
}
