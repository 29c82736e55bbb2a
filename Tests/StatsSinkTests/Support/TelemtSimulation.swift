import Foundation
@testable import StatsSink

/// A simulated telemt process plus the ground truth of what its users really moved, and the bytes
/// the accounting is documented to be unable to see (erased by a restart or an idle-vanish before
/// any recorded scrape saw them).
struct TelemtSimulation {
    struct Pair: Equatable {
        var from: UInt64 = 0
        var to: UInt64 = 0
        static func + (lhs: Pair, rhs: Pair) -> Pair { Pair(from: lhs.from + rhs.from, to: lhs.to + rhs.to) }
        static func - (lhs: Pair, rhs: Pair) -> Pair { Pair(from: lhs.from - rhs.from, to: lhs.to - rhs.to) }
    }

    static let idleTicksBeforeVanish = 6
    let users: [String]
    let start = Date(timeIntervalSince1970: 1_772_323_200)  // 2026-03-01T00:00:00Z
    var boot: Double = -3_600
    var series: [String: Pair] = [:]
    var lastTraffic: [String: Int] = [:]
    var truth: [String: Pair] = [:]
    var unseen: [String: Pair] = [:]
    /// Per user: the value of the current series at the last recorded scrape.
    var recordedBase: [String: Pair] = [:]
    /// Per user: a previous series' value the ledger still holds (vanished, not yet seen absent).
    var staleBase: [String: Pair] = [:]
    var restarts = 0
    var vanishes = 0

    init(userCount: Int) {
        users = (0..<userCount).map { "user\($0)" }
    }

    /// Ends a series (restart or vanish): whatever no recorded scrape saw is erased.
    mutating func reset(_ user: String, vanish: Bool) {
        guard let value = series.removeValue(forKey: user) else { return }
        let seen = recordedBase.removeValue(forKey: user)
        unseen[user, default: Pair()] = unseen[user, default: Pair()] + (value - (seen ?? Pair()))
        if !vanish {
            staleBase[user] = nil
        } else if let seen {
            staleBase[user] = seen
        }
    }

    mutating func restart(at time: Double) {
        for user in series.keys { reset(user, vanish: false) }
        staleBase = [:]
        boot = time
        restarts += 1
    }

    mutating func traffic(_ user: String, _ bytes: Pair, tick: Int) {
        series[user, default: Pair()] = series[user, default: Pair()] + bytes
        truth[user, default: Pair()] = truth[user, default: Pair()] + bytes
        lastTraffic[user] = tick
    }

    mutating func vanishIdle(tick: Int) {
        for user in series.keys where tick - (lastTraffic[user] ?? tick) >= Self.idleTicksBeforeVanish {
            reset(user, vanish: true)
            vanishes += 1
        }
    }

    func snapshot(at time: Double, uptimeNoise: Double) -> TelemtSnapshot {
        TelemtSnapshot(
            scrapedAt: start.addingTimeInterval(time),
            uptime: max(0, time - boot + uptimeNoise),
            users: series.mapValues { UserCounters(octetsFromClient: $0.from, octetsToClient: $0.to) }
        )
    }

    /// What the ledger learns from a recorded scrape. A vanished series that came back before any
    /// recorded scrape saw it absent, and is not below the old baseline, cannot be told from a
    /// continuing one: the old baseline is subtracted (documented in docs/accounting.md).
    mutating func recorded() {
        for (user, base) in staleBase {
            if let value = series[user], value.from >= base.from, value.to >= base.to {
                unseen[user, default: Pair()] = unseen[user, default: Pair()] + base
            }
        }
        staleBase = [:]
        recordedBase = series
    }
}
