public import Foundation

/// The delta rules: turns raw telemt counters into new traffic, never losing or doubling a byte
/// that a recorded scrape saw.
///
/// Per user, the delta is `value − baseline`, or the whole value when the value went down (telemt's
/// reload endpoint), the series had vanished (24 h idle) or is seen for the first time, or telemt
/// restarted. This type is pure; a ``StatsStore`` applies its ``LedgerStep`` in one transaction.
public struct TrafficLedger: Sendable {
    /// How far the derived boot instant may move between two scrapes of the same telemt process.
    public var bootTolerance: TimeInterval

    /// Creates a ledger; the default tolerance absorbs clock jitter and small NTP corrections.
    public init(bootTolerance: TimeInterval = 10) {
        self.bootTolerance = bootTolerance
    }

    /// Classifies a scrape against the identity of the last one recorded for the node.
    public func classify(_ snapshot: TelemtSnapshot, after previous: ScrapeIdentity?) -> ScrapeKind {
        guard let previous else { return .first }
        let bootShift = snapshot.boot.timeIntervalSince(previous.boot)
        // Stored instants round-trip through a Unix-epoch double: compare to the millisecond.
        if snapshot.uptime <= previous.uptime, snapshot.scrapedAt.timeIntervalSince(previous.scrapedAt) < 0.001 {
            return .duplicate
        }
        if snapshot.uptime < previous.uptime || bootShift > bootTolerance {
            return .restarted
        }
        return .continued
    }

    /// Computes the deltas and baseline changes of a scrape.
    public func step(
        _ snapshot: TelemtSnapshot,
        after previous: ScrapeIdentity?,
        baselines: [String: CounterBaseline]
    ) -> LedgerStep {
        step(snapshot, after: previous, baselines: baselines, sortedUsers: Self.sortedBaselines(of: snapshot), listUpdates: true)
    }

    /// ``step(_:after:baselines:)`` with the snapshot's counters already sorted by user (see
    /// ``sortedBaselines(of:)``), so a caller that also needs them sorted sorts once. A caller that
    /// stores `sortedUsers` as the new baselines passes `listUpdates: false` and gets no
    /// ``LedgerStep/updatedBaselines``.
    func step(
        _ snapshot: TelemtSnapshot,
        after previous: ScrapeIdentity?,
        baselines: [String: CounterBaseline],
        sortedUsers: [(user: String, counters: CounterBaseline)],
        listUpdates: Bool
    ) -> LedgerStep {
        let kind = classify(snapshot, after: previous)
        guard kind != .duplicate else { return LedgerStep(kind: kind) }
        var step = LedgerStep(kind: kind)
        step.deltas.reserveCapacity(sortedUsers.count)
        if listUpdates { step.updatedBaselines.reserveCapacity(sortedUsers.count) }
        var matched = 0
        for (user, current) in sortedUsers {
            let baseline = baselines[user]
            if baseline != nil { matched += 1 }
            let delta = Self.delta(from: kind == .continued ? baseline : nil, to: current)
            if delta.fromClient > 0 || delta.toClient > 0 {
                step.deltas.append(TrafficDelta(user: user, fromClient: delta.fromClient, toClient: delta.toClient))
            }
            if listUpdates, baseline != current {
                step.updatedBaselines[user] = current
            }
        }
        // Every baseline matched a current user: nothing vanished, no need to look.
        if matched < baselines.count {
            step.vanished = baselines.keys.filter { snapshot.users[$0] == nil }.sorted()
        }
        return step
    }

    /// The snapshot's octet counters as baselines, sorted by user name.
    static func sortedBaselines(of snapshot: TelemtSnapshot) -> [(user: String, counters: CounterBaseline)] {
        var users: [(user: String, counters: CounterBaseline)] = []
        users.reserveCapacity(snapshot.users.count)
        for (user, counters) in snapshot.users {
            users.append((user, CounterBaseline(fromClient: counters.octetsFromClient, toClient: counters.octetsToClient)))
        }
        users.sort { $0.user < $1.user }
        return users
    }

    /// The new bytes between a baseline and a current value; both counters restart together, so a
    /// decrease of either means the whole current value is new.
    static func delta(from baseline: CounterBaseline?, to current: CounterBaseline) -> CounterBaseline {
        guard let baseline, current.fromClient >= baseline.fromClient, current.toClient >= baseline.toClient else {
            return current
        }
        return CounterBaseline(
            fromClient: current.fromClient - baseline.fromClient,
            toClient: current.toClient - baseline.toClient
        )
    }
}
