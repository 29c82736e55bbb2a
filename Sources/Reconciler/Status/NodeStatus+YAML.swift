public import Foundation
import Spec
import StatsSink

extension NodeStatus {
    /// The file's text: stable order, one field per line (so diffs read line by line), instants in
    /// UTC except the period, which is written with the offset of `timeZone` at its start and end.
    /// `userYAML`, when given, is each user's block already written (one per entry of ``users``).
    public func yaml(timeZone: TimeZone, userYAML: [String]? = nil) -> String {
        var out = "# Written by telemt-gitops for node \(node). Do not edit: the next reconcile rewrites it.\n"
        out += "version: \(version)\nnode: \(StatusText.key(node))\n"
        if let applied {
            out += "applied:\n  revision: \(applied.revision)\n  config_sha256: \(applied.configSHA256)\n"
            out += "  at: \(StatusText.instant(applied.at))\n"
        }
        if let attempted {
            out += "attempted:\n  revision: \(attempted.revision)\n  error: \(StatusText.quoted(attempted.error))\n"
        }
        if let telemt {
            out += "telemt:\n"
            if let version = telemt.version { out += "  version: \(StatusText.quoted(version))\n" }
            if let started = telemt.started { out += "  started: \(StatusText.instant(started))\n" }
            out += "  reload: \(telemt.reload.rawValue)\n"
        }
        out += "heartbeat: \(StatusText.instant(heartbeat))\n"
        if !warnings.isEmpty { out += "warnings:\n" + warnings.map { "  - \(StatusText.quoted($0))\n" }.joined() }
        out += users.isEmpty ? "users: {}\n" : "users:\n"
        out.reserveCapacity(out.utf8.count + users.count * 160)
        if let userYAML, userYAML.count == users.count {
            for block in userYAML { out += block }
            return out
        }
        var periods = PeriodInstants(timeZone: timeZone)
        for user in users { user.appendYAML(to: &out, periods: &periods) }
        return out
    }
}

extension UserStatusEntry {
    func appendYAML(to out: inout String, periods: inout PeriodInstants) {
        out += "  \(StatusText.key(name)):\n    state: \(state)\n"
        if let reason { out += "    reason: \(StatusText.quoted(reason))\n" }
        if let period {
            out += "    period:\n      start: \(periods.text(period.start))\n      end: \(periods.text(period.end))\n"
        }
        out += "    used: \(ByteCountFormat.string(used))\n    used_bytes: \(used)\n    limit: \(StatusText.limit(limit))\n"
        if let expire { out += "    expire: \(StatusText.instant(expire))\n" }
        if let firstSeen { out += "    first_seen: \(StatusText.instant(firstSeen))\n" }
        out += "    connections: \(connections)\n"
    }
}

/// Period boundaries in the spec's zone, written once per distinct instant: every user with the
/// same reset rule shares them.
struct PeriodInstants {
    let timeZone: TimeZone
    private var texts: [Date: String] = [:]

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    mutating func text(_ date: Date) -> String {
        if let text = texts[date] { return text }
        let text = StatusText.instant(date, offsetSeconds: timeZone.secondsFromGMT(for: date))
        if texts.count < 64 { texts[date] = text }
        return text
    }
}
