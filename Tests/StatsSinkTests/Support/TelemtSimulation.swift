import Foundation
import TestSupport
@testable import StatsSink

/// An independent model of a telemt process and of the scraper's view of it, for the ledger's
/// property tests. It never calls the ledger's rules: it knows every byte each user really moved
/// and computes, from the readings a recorded scrape took, which bytes no reading could ever show.
///
/// Physics modelled: per-user octet counters in memory; a process restart (new process start,
/// uptime and counters from zero); telemt's runtime stats reset (uptime and counters from zero,
/// same process); a user's series pruned after a long idle spell and coming back from zero;
/// `/metrics` labelling only a shifting subset of users, or none when telemetry is suppressed; the
/// read-only API listing every configured user's total; a wall clock that steps and pauses while
/// telemt's uptime runs on the monotonic clock; and latency between reading and stamping.
struct TelemtSimulation {
    struct Pair: Equatable {
        var from: UInt64 = 0
        var to: UInt64 = 0
        var total: UInt64 { from + to }
    }

    /// Idle minutes after which telemt prunes a series (telemt: 24 h; shortened, still far longer
    /// than any clock step the model makes).
    static let pruneAfterIdle: Double = 120 * 60

    let users: [String]
    let start = Date(timeIntervalSince1970: 1_772_323_200)  // 2026-03-01T00:00:00Z
    /// Seconds on the monotonic clock since the model began.
    var monotonic: Double = 0
    /// Wall clock minus monotonic clock: steps and pauses move it.
    var wallOffset: Double = 0
    /// Monotonic instant the current counter generation began (uptime = monotonic − this).
    var generationStart: Double = -86_400
    var processStart: UInt64 = 1_772_236_800
    var series: [String: Pair] = [:]
    var lastTraffic: [String: Double] = [:]
    /// Bytes really moved.
    var truth: [String: UInt64] = [:]
    /// Bytes no recorded reading could show: erased before any was taken, or indistinguishable.
    var unobservable: [String: UInt64] = [:]
    /// Per user: the current series' value at its last recorded reading (nil: not read yet).
    var lastRead: [String: Pair] = [:]
    /// Users whose series was erased since their last recorded reading, with that reading.
    var erasedSinceRead: [String: Pair] = [:]
    var restarts = 0, reloads = 0, prunes = 0

    init(userCount: Int) {
        users = (0..<userCount).map { "user\($0)" }
    }

    var uptime: Double { monotonic - generationStart }

    /// Ends a user's series: the part after its last recorded reading is gone.
    mutating func erase(_ user: String) {
        guard let value = series.removeValue(forKey: user) else { return }
        let read = lastRead.removeValue(forKey: user)
        unobservable[user, default: 0] += value.total - (read?.total ?? 0)
        if let read, erasedSinceRead[user] == nil { erasedSinceRead[user] = read }
    }

    mutating func restart(processChanges: Bool) {
        for user in Array(series.keys) { erase(user) }
        // The whole process starting again shows in its uptime, so no reading is mistaken for a
        // continuing counter.
        erasedSinceRead = [:]
        generationStart = monotonic
        if processChanges {
            processStart += UInt64(max(1, monotonic))
            restarts += 1
        } else {
            reloads += 1
        }
    }

    mutating func traffic(_ user: String, from: UInt64, to: UInt64) {
        series[user, default: Pair()].from += from
        series[user, default: Pair()].to += to
        truth[user, default: 0] += from + to
        lastTraffic[user] = monotonic
    }

    mutating func pruneIdle() {
        for user in Array(series.keys) where monotonic - (lastTraffic[user] ?? monotonic) >= Self.pruneAfterIdle {
            erase(user)
            prunes += 1
        }
    }

    /// A scrape: `/metrics` shows `labelled` users (their current series), the API — when on —
    /// every configured user (0 for those with no series). Stamped `latency` seconds after reading.
    func snapshot(labelled: Set<String>, suppressed: Bool, api: Bool, latency: Double) -> TelemtSnapshot {
        var metrics: [String: UserCounters] = [:]
        if !suppressed {
            for user in labelled { if let value = series[user] { metrics[user] = UserCounters(octetsFromClient: value.from, octetsToClient: value.to) } }
        }
        let observation = api ? TelemtAPIObservation(
            processStartedAt: processStart,
            users: Dictionary(uniqueKeysWithValues: users.map { ($0, .init(totalOctets: series[$0]?.total ?? 0)) })
        ) : nil
        return TelemtSnapshot(
            scrapedAt: start.addingTimeInterval(monotonic + wallOffset + latency), uptime: (uptime * 10).rounded(.down) / 10,
            connectionsTotal: nil, userSeries: UserSeriesExport(suppressed: suppressed || labelled.count < users.count),
            users: metrics, api: observation
        )
    }

    /// What a recorded scrape let the accounting see. A series erased and back since the user's
    /// last reading, read now at or above that reading in every component, looks exactly like a
    /// continuing counter to anyone who only sees readings: the old reading's bytes are then
    /// indistinguishable from the new series' and cannot be counted.
    mutating func recorded(_ snapshot: TelemtSnapshot) {
        for user in users {
            let metrics = snapshot.users[user]
            let api = snapshot.api?.users[user]?.totalOctets
            guard metrics != nil || api != nil else { continue }
            if let before = erasedSinceRead.removeValue(forKey: user) {
                let total = metrics.map { $0.octetsFromClient + $0.octetsToClient } ?? api ?? 0
                let split = metrics.map { $0.octetsFromClient >= before.from && $0.octetsToClient >= before.to } ?? true
                if split, total >= before.total, (api ?? total) >= before.total { unobservable[user, default: 0] += before.total }
            }
            lastRead[user] = series[user] ?? Pair()
        }
    }
}
