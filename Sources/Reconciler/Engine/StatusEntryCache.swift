import Foundation

/// The status lines of the last status this engine built, one per user with the evaluation it was
/// made from and its YAML: a user whose (bucketed) evaluation and connections did not change keeps
/// its line, so a status of 100,000 users costs a comparison per user rather than a reason and a
/// YAML block each.
final class StatusEntryCache: @unchecked Sendable {
    /// One user's line; a class, so that a reused line costs a reference, not a copy.
    final class Item {
        let evaluation: UserEvaluation
        let connections: UInt64
        let entry: UserStatusEntry
        let yaml: String

        init(evaluation: UserEvaluation, connections: UInt64, entry: UserStatusEntry, yaml: String) {
            self.evaluation = evaluation
            self.connections = connections
            self.entry = entry
            self.yaml = yaml
        }

        /// Whether `evaluation` (in the cache's zone) would print this line.
        func matches(_ evaluation: UserEvaluation, connections: UInt64) -> Bool {
            let old = self.evaluation
            return self.connections == connections && old.used == evaluation.used && old.state == evaluation.state
                && old.user == evaluation.user && old.period == evaluation.period && old.limit == evaluation.limit
                && old.expire == evaluation.expire && old.firstSeen == evaluation.firstSeen && old.reset == evaluation.reset
                && old.onHold == evaluation.onHold && old.expiryFromHold == evaluation.expiryFromHold
                && old.expiringSoon == evaluation.expiringSoon
        }
    }

    private let lock = NSLock()
    private var items: [Item] = []
    private var zone: TimeZone?

    /// The lines for `evaluations` (bucketed), reusing the previous ones where nothing changed.
    func lines(_ evaluations: [UserEvaluation], connections: (String) -> UInt64, timeZone: TimeZone,
               make: (UserEvaluation, UInt64) -> UserStatusEntry) -> [Item] {
        var previous = AlignedLookup(lock.withLock { zone == timeZone ? items : [] }, name: \.evaluation.user)
        var periods = PeriodInstants(timeZone: timeZone)
        let fresh = evaluations.enumerated().map { position, evaluation in
            let count = connections(evaluation.user)
            if let old = previous.find(evaluation.user, near: position), old.matches(evaluation, connections: count) { return old }
            let entry = make(evaluation, count)
            var yaml = ""
            entry.appendYAML(to: &yaml, periods: &periods)
            return Item(evaluation: evaluation, connections: count, entry: entry, yaml: yaml)
        }
        lock.withLock {
            items = fresh
            zone = timeZone
        }
        return fresh
    }
}
