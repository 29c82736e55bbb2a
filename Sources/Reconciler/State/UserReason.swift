import Foundation
import Spec
import StatsSink

/// The texts of ``UserEvaluation/reason`` and of events: short, like a line in a review, never a secret.
enum UserReason {
    /// The reason of `evaluation`'s state.
    static func text(_ evaluation: UserEvaluation) -> String {
        let zone = evaluation.timeZone
        switch evaluation.state {
        case .disabled:
            return "disabled in the spec"
        case .expired:
            return expired(evaluation.expire, fromHold: evaluation.expiryFromHold ? evaluation.onHold : nil, timeZone: zone)
        case .limited:
            return usage(used: evaluation.used, limit: evaluation.limit, period: evaluation.usagePeriod, timeZone: zone)
        case .onHold:
            return "on hold: \(duration(evaluation.onHold ?? SpecDuration(seconds: 0))) from the first connection"
        case .active:
            let usage = usage(used: evaluation.used, limit: evaluation.limit, period: evaluation.usagePeriod, timeZone: zone)
            guard let expiry = evaluation.expire else { return usage }
            return "\(usage), expires \(InstantFormat.string(expiry, timeZone: zone))"
        }
    }

    /// `used 50.2 GiB of 50 GiB in 2026-11 (Europe/Moscow)`; `unlimited, used 1.2 GiB in total`.
    static func usage(used: UInt64, limit: DataLimit, period: UsagePeriod, timeZone: TimeZone) -> String {
        let phrase = PeriodLabel.phrase(of: period, timeZone: timeZone)
        let amount = ByteCountFormat.string(used)
        guard limit != .unlimited else { return "unlimited, used \(amount) \(phrase)" }
        return "used \(amount) of \(LimitFormat.string(limit)) \(phrase)"
    }

    /// `expired 2026-11-30 23:59:59 +03:00`, with `, 30d after the first connection` when `on_hold` set it.
    static func expired(_ expiry: Date?, fromHold onHold: SpecDuration?, timeZone: TimeZone) -> String {
        guard let expiry else { return "expired" }
        let text = "expired \(InstantFormat.string(expiry, timeZone: timeZone))"
        guard let onHold else { return text }
        return "\(text), \(duration(onHold)) after the first connection"
    }

    /// A duration in the largest of `d`, `h`, `m`, `s` that writes it whole: `30d`, `36h`, `90m`, `45s`.
    static func duration(_ duration: SpecDuration) -> String {
        let units: [(name: String, seconds: Int64)] = [("d", 86_400), ("h", 3_600), ("m", 60)]
        let unit = units.first { duration.seconds % $0.seconds == 0 } ?? ("s", 1)
        return "\(duration.seconds / unit.seconds)\(unit.name)"
    }
}
