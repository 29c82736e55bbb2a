public import Foundation
import Spec
import StatsSink

extension NodeStatus {
    /// The file's text: stable order, one field per line (so diffs read line by line), instants in
    /// UTC except the period, which is written with the offset of `timeZone` at its start and end.
    public func yaml(timeZone: TimeZone) -> String {
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
        for user in users { user.appendYAML(to: &out, timeZone: timeZone) }
        return out
    }
}

extension UserStatusEntry {
    func appendYAML(to out: inout String, timeZone: TimeZone) {
        out += "  \(StatusText.key(name)):\n    state: \(state)\n"
        if let reason { out += "    reason: \(StatusText.quoted(reason))\n" }
        if let period {
            out += "    period:\n      start: \(StatusText.instant(period.start, offsetSeconds: timeZone.secondsFromGMT(for: period.start)))\n"
            out += "      end: \(StatusText.instant(period.end, offsetSeconds: timeZone.secondsFromGMT(for: period.end)))\n"
        }
        out += "    used: \(ByteCountFormat.string(used))\n    used_bytes: \(used)\n    limit: \(StatusText.limit(limit))\n"
        if let expire { out += "    expire: \(StatusText.instant(expire))\n" }
        if let firstSeen { out += "    first_seen: \(StatusText.instant(firstSeen))\n" }
        out += "    connections: \(connections)\n"
    }
}
