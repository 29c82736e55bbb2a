/// Which users a scrape shows with traffic or a connection for the first time on its node: the
/// rule both backends apply before writing `first_seen` (later scrapes never move a first connection).
package enum FirstSeenUsers {
    /// Users with new traffic or a current connection whose previous baseline had counted nothing
    /// (a user with counted bytes was recorded when they were), sorted. A steady scrape yields
    /// almost none.
    package static func of(_ snapshot: TelemtSnapshot, deltas: [TrafficDelta], previous: NodeBaseline?) -> [String] {
        let fresh = { (user: String) in (previous?.users[user]?.total ?? 0) == 0 }
        var users = Set(deltas.lazy.filter { $0.total > 0 && fresh($0.user) }.map(\.user))
        for (user, counters) in snapshot.users where (counters.connectionsCurrent ?? 0) > 0 && fresh(user) { users.insert(user) }
        for (user, reading) in snapshot.api?.users ?? [:] where (reading.currentConnections ?? 0) > 0 && fresh(user) { users.insert(user) }
        return users.sorted()
    }
}
