import Foundation
import Spec

/// What the last successful tick applied, kept in `<state_dir>/applied.tsv` (0600, no secret): the
/// revision, the hash of the config written, its users as a plan compares them, and their exact
/// evaluations (for the events of the next tick).
struct AppliedRecord: Equatable, Sendable {
    struct Evaluation: Equatable, Sendable {
        var user: String
        var state: String
        var reset: String
        var periodStart: Double?
        var periodEnd: Double?
        var used: UInt64
        var limit: UInt64?
        var expire: Double?
        var firstSeen: Double?
        var expiringSoon: Bool
    }

    var revision: String
    var configSHA256: String
    /// The master key's fingerprint: a new key re-renders every secret even without a new revision.
    var keyFingerprint: String?
    var at: Date
    var users: [UserSnapshot]
    var evaluations: [Evaluation]
}

extension AppliedRecord.Evaluation {
    init(_ value: UserEvaluation) {
        self.init(user: value.user, state: value.state.rawValue, reset: value.reset.rawValue,
                  periodStart: value.period?.start.timeIntervalSince1970, periodEnd: value.period?.end.timeIntervalSince1970,
                  used: value.used, limit: value.limit.byteCount, expire: value.expire?.timeIntervalSince1970,
                  firstSeen: value.firstSeen?.timeIntervalSince1970, expiringSoon: value.expiringSoon)
    }

    func evaluation(timeZone: TimeZone) -> UserEvaluation {
        let date = { (value: Double?) in value.map(Date.init(timeIntervalSince1970:)) }
        let period = zip2(date(periodStart), date(periodEnd)).map { DateInterval(start: $0.0, end: max($0.0, $0.1)) }
        return UserEvaluation(user: user, state: UserState(rawValue: state) ?? .active,
                              reset: ResetPeriod(rawValue: reset) ?? .none, period: period, used: used,
                              limit: limit.map(DataLimit.bytes) ?? .unlimited, expire: date(expire), firstSeen: date(firstSeen),
                              expiringSoon: expiringSoon, nextChange: nil, timeZone: timeZone)
    }

    private func zip2<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
        guard let a, let b else { return nil }
        return (a, b)
    }
}

/// What a tick is about to write to telemt's config, saved before the write (`pending.json`): a
/// process killed between the write and ``AppliedRecord`` finds the new file on disk, sees its hash
/// here, and does not report it as drift.
struct PendingWrite: Codable, Equatable {
    var revision: String
    var configSHA256: String
}
