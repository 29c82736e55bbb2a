import Foundation
import Spec
import StatsSink

/// The words of a plan's lines.
enum PlanWords {
    /// `100 GiB/month, expires 2027-01-01 23:59:59 +03:00` for a new user, with its state if not active.
    static func describe(_ user: UserSpec, zone: TimeZone, state: UserEvaluation) -> String {
        var parts = [limit(user.dataLimit.byteCount, reset: user.reset.rawValue)]
        if let expire = user.expire { parts.append("expires \(InstantFormat.string(expire, timeZone: zone))") }
        if let hold = user.onHold { parts.append("on hold for \(SpecDurationWords.string(hold.seconds)) from the first connection") }
        if user.maxConnections != nil || user.maxUniqueIPs != nil {
            parts.append("\(user.maxConnections.map(String.init) ?? "default") connections, \(user.maxUniqueIPs.map(String.init) ?? "default") IPs")
        }
        if state.state != .active && state.state != .onHold { parts.append("starts \(state.state.rawValue)") }
        return parts.joined(separator: ", ")
    }

    static func limit(_ bytes: UInt64?, reset: String) -> String {
        guard let bytes else { return "unlimited" }
        let per = ["daily": "/day", "weekly": "/week", "monthly": "/month", "yearly": "/year"][reset] ?? " in total"
        return LimitFormat.string(bytes: bytes) + per
    }

    /// `limit 50 GiB → 20 GiB`, `expires never → 2027-01-01 …`, `disabled`, `enabled`, …
    static func fieldChanges(old: UserSnapshot, new: UserSnapshot, zone: TimeZone) -> [String] {
        var result: [String] = []
        if old.limit != new.limit || old.reset != new.reset {
            result.append("limit \(limit(old.limit, reset: old.reset)) → \(limit(new.limit, reset: new.reset))")
        }
        if old.expire != new.expire {
            let text = { (value: Double?) in value.map { InstantFormat.string(Date(timeIntervalSince1970: $0), timeZone: zone) } ?? "never" }
            result.append("expires \(text(old.expire)) → \(text(new.expire))")
        }
        if old.onHold != new.onHold {
            let text = { (value: Int64?) in value.map(SpecDurationWords.string) ?? "none" }
            result.append("on hold \(text(old.onHold)) → \(text(new.onHold))")
        }
        if old.disabled != new.disabled { result.append(new.disabled ? "disabled" : "enabled") }
        if old.maxConnections != new.maxConnections {
            result.append("connections \(old.maxConnections.map(String.init) ?? "default") → \(new.maxConnections.map(String.init) ?? "default")")
        }
        if old.maxUniqueIPs != new.maxUniqueIPs {
            result.append("unique IPs \(old.maxUniqueIPs.map(String.init) ?? "default") → \(new.maxUniqueIPs.map(String.init) ?? "default")")
        }
        return result
    }

    /// `used 30.1 GiB this month, becomes limited` / `expired 2026-11-30 23:59:59 +03:00`.
    static func consequence(_ next: UserEvaluation) -> String {
        switch next.state {
        case .limited:
            let period = PeriodLabel.phrase(of: UsagePeriod(reset: next.reset, interval: next.period), timeZone: next.timeZone)
            // The status file's bucket, so a host and CI (which reads the status file) print the same line.
            let shown = max(UsageBucket.floor(next.used, limit: next.limit), next.limit.byteCount ?? 0)
            return "used \(ByteCountFormat.string(shown)) \(period), becomes limited"
        case .expired:
            return next.expire.map { "expired \(InstantFormat.string($0, timeZone: next.timeZone))" } ?? "becomes expired"
        case .active: return "becomes active"
        case .disabled: return "becomes disabled"
        case .onHold: return "becomes on hold"
        }
    }
}

/// `30d`, `12h`, `90m`, `45s`: the largest whole unit.
enum SpecDurationWords {
    static func string(_ seconds: Int64) -> String {
        for (unit, size) in [("d", Int64(86_400)), ("h", 3_600), ("m", 60)] where seconds % size == 0 { return "\(seconds / size)\(unit)" }
        return "\(seconds)s"
    }
}
