import Crypto
import Foundation
import StatsSink
import TelemtRender

/// A tick's findings as outbox events. Each key is derived from the cause (the user, the change,
/// the previous applied record it was found against), so a tick repeated after a crash, which finds
/// the same changes against the same record, adds nothing new.
struct NotificationEvents {
    let node: String
    let now: Date
    let zone: TimeZone

    /// One event per user event; `previous` is the record they were found against.
    func users(_ events: [UserEvent], evaluations: [UserEvaluation], previous: AppliedRecord) -> [OutboxEvent] {
        guard !events.isEmpty else { return [] }
        let touched = Set(events.map(\.user))
        let current = Dictionary(evaluations.lazy.filter { touched.contains($0.user) }.map { ($0.user, $0) }, uniquingKeysWith: { a, _ in a })
        let cause = "\(previous.revision)|\(previous.configSHA256)|\(previous.at.timeIntervalSince1970)"
        return events.map { event in
            var fields = current[event.user].map(facts) ?? [:]
            fields["reason"] = event.reason
            var detail = event.kind
            switch event {
            case .transition(_, let from, let to, _):
                fields["from"] = from.rawValue
                detail += "|\(from.rawValue)>\(to.rawValue)"
            case .usageThreshold(_, let threshold, let used, let limit, _):
                fields["threshold"] = threshold.percentText
                fields["used"] = ByteCountFormat.string(used)
                fields["limit"] = LimitFormat.string(bytes: limit)
                detail += "|\(threshold.percentText)|\(current[event.user]?.period?.start.timeIntervalSince1970 ?? 0)"
            case .expiringSoon(_, let expire, _):
                fields["expire"] = InstantFormat.string(expire, timeZone: zone)
                detail += "|\(expire.timeIntervalSince1970)"
            }
            return OutboxEvent(key: Self.key("user|\(event.user)|\(detail)|\(cause)"), node: node, kind: event.kind, user: event.user,
                               fields: fields, created: now)
        }
    }

    /// Drift healed, a restart needed and a reload not confirmed, from a tick that wrote a config.
    func node(_ report: TickReport, writtenSHA256: String, diskSHA256: String?) -> [OutboxEvent] {
        var events: [OutboxEvent] = []
        if let drift = report.drift {
            events.append(event("drift_healed", cause: "\(diskSHA256 ?? "-")>\(writtenSHA256)",
                                fields: ["users": "\(drift.users.count)", "outside_managed_tables": "\(drift.outsideManagedTables)"]))
        }
        if !report.restartNeeded.isEmpty {
            events.append(event("restart_needed", cause: writtenSHA256, fields: ["settings": report.restartNeeded.joined(separator: ", ")]))
        }
        if report.reload == .unconfirmed {
            events.append(event("reload_unconfirmed", cause: writtenSHA256, fields: ["revision": String((report.revision ?? "").prefix(12))]))
        }
        return events
    }

    private func event(_ kind: String, cause: String, fields: [String: String]) -> OutboxEvent {
        OutboxEvent(key: Self.key("node|\(node)|\(kind)|\(cause)"), node: node, kind: kind, fields: fields, created: now)
    }

    /// The usage, limit and expiry of a user, as texts.
    private func facts(_ evaluation: UserEvaluation) -> [String: String] {
        var fields = ["used": ByteCountFormat.string(evaluation.used), "limit": LimitFormat.string(evaluation.limit),
                      "state": evaluation.state.rawValue]
        if let expire = evaluation.expire { fields["expire"] = InstantFormat.string(expire, timeZone: zone) }
        return fields
    }

    static func key(_ cause: String) -> String { OutboxKey.make(cause) }
}

/// Outbox keys: a short digest of an event's cause, the same whoever computes it.
public enum OutboxKey {
    /// 32 hex digits of SHA-256 of `cause`.
    public static func make(_ cause: String) -> String {
        Hex.encode(SHA256.hash(data: Array(cause.utf8)).prefix(16))
    }
}
