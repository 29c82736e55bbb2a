public import Foundation

/// The delta rules: turns raw telemt counters into new traffic, never doubling a byte and never
/// losing one that a recorded scrape saw.
///
/// A scrape is first classified against the node's last recorded identity (``classify(_:after:)``):
/// a restart (or telemt's runtime stats reset) is read from telemt's own numbers, never from the
/// wall clock alone. Then each user's readings are accounted against its baseline
/// (``account(baseline:metrics:api:)``). This type is pure; a ``StatsStore`` applies its
/// ``LedgerStep`` in one transaction. `docs/accounting.md` lists every case.
public struct TrafficLedger: Sendable {
    /// Seconds added to the time since the last scrape when asking whether telemt could have
    /// started since: covers the scrape's own latency and clock jitter. It only decides whether
    /// counters that went down are examined; it never makes a restart on its own.
    public var restartWindowSlack: TimeInterval

    /// Creates a ledger.
    public init(restartWindowSlack: TimeInterval = 10) {
        self.restartWindowSlack = restartWindowSlack
    }

    /// Classifies a scrape against the node's baseline.
    ///
    /// In order: nothing recorded → first; same uptime at the same instant → duplicate; another
    /// process start in the API, uptime lower than before, or `telemt_connections_total` lower than
    /// before → restarted; the same API process start → continued; telemt's uptime short enough to
    /// have begun after the last scrape *and* most users' counters below their baselines →
    /// restarted; otherwise continued.
    public func classify(_ snapshot: TelemtSnapshot, after previous: NodeBaseline?) -> (kind: ScrapeKind, evidence: RestartEvidence?) {
        guard let previous else { return (.first, nil) }
        let last = previous.identity
        if snapshot.uptime == last.uptime, abs(snapshot.scrapedAt.timeIntervalSince(last.scrapedAt)) < 0.001 {
            return (.duplicate, nil)
        }
        let started = snapshot.api?.processStartedAt
        if let started, let before = last.processStartedAt, started != before { return (.restarted, .processChanged) }
        if snapshot.uptime < last.uptime { return (.restarted, .uptimeWentDown) }
        if let now = snapshot.connectionsTotal, let before = last.connectionsTotal, now < before {
            return (.restarted, .connectionsWentDown)
        }
        if let started, started == last.processStartedAt { return (.continued, nil) }
        let elapsed = snapshot.scrapedAt.timeIntervalSince(last.scrapedAt)
        if snapshot.uptime <= elapsed + restartWindowSlack, Self.mostCountersWentDown(snapshot, previous.users) {
            return (.restarted, .countersWentDown)
        }
        return (.continued, nil)
    }

    /// Computes the deltas and the new baselines of a scrape.
    public func step(_ snapshot: TelemtSnapshot, after previous: NodeBaseline?) -> LedgerStep {
        let (kind, evidence) = classify(snapshot, after: previous)
        guard kind != .duplicate else { return LedgerStep(kind: kind) }
        let kept = kind == .continued ? previous?.users ?? [:] : [:]
        var step = LedgerStep(kind: kind, evidence: evidence)
        let names = Self.names(snapshot, kept)
        step.deltas.reserveCapacity(names.count)
        step.baselines.reserveCapacity(names.count)
        for user in names {
            let baseline = kept[user]
            let metrics = snapshot.users[user]
            let api = snapshot.api?.users[user]?.totalOctets
            guard metrics != nil || api != nil else {
                if let baseline { step.baselines.append((user, baseline)) }
                step.missing += 1
                continue
            }
            let result = Self.account(baseline: baseline ?? .zero, metrics: metrics, api: api)
            if result.usage.total > 0 {
                step.deltas.append(UserUsage(user: user, fromClient: result.usage.fromClient, toClient: result.usage.toClient, unsplit: result.usage.unsplit))
            }
            if result.seriesRestarted, baseline != nil { step.seriesRestarted.append(user) }
            step.baselines.append((user, result.next))
        }
        return step
    }

    /// Every user with a reading or a kept baseline, sorted.
    private static func names(_ snapshot: TelemtSnapshot, _ kept: [String: CounterBaseline]) -> [String] {
        var names = Set(snapshot.users.keys)
        if let api = snapshot.api { names.formUnion(api.users.keys) }
        names.formUnion(kept.keys)
        return names.sorted()
    }

    /// Whether more than half of the users read in both scrapes show a counter below its baseline.
    static func mostCountersWentDown(_ snapshot: TelemtSnapshot, _ baselines: [String: CounterBaseline]) -> Bool {
        var compared = 0
        var down = 0
        for (user, baseline) in baselines {
            let metrics = snapshot.users[user]
            let api = snapshot.api?.users[user]?.totalOctets
            guard metrics != nil || api != nil else { continue }
            compared += 1
            if wentDown(baseline, metrics: metrics, api: api) { down += 1 }
        }
        return compared > 0 && down * 2 > compared
    }

    static func wentDown(_ baseline: CounterBaseline, metrics: UserCounters?, api: UInt64?) -> Bool {
        if let metrics {
            if metrics.octetsFromClient < baseline.fromClient || metrics.octetsToClient < baseline.toClient { return true }
            if metrics.octetsFromClient.saturatingAdd(metrics.octetsToClient) < baseline.total { return true }
        }
        if let api, api < baseline.total { return true }
        return false
    }
}
