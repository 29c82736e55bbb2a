import Foundation
import Spec

/// What the other nodes of a fleet used, as last read from the fleet store: per reset rule the
/// period read and each user's bytes in it (every node's minus this node's), and the earliest first
/// connection of each user on any node. Kept in memory and in `<state_dir>/fleet-usage.tsv`, so a
/// tick while the store is away (or after a restart) judges quotas with the last value read.
struct OtherNodesUsage: Sendable, Equatable {
    /// One reset rule's period and the other nodes' bytes in it.
    struct Period: Sendable, Equatable {
        /// The period read (nil: all recorded time, for `reset: none`).
        var interval: DateInterval?
        /// Bytes per user on the other nodes.
        var bytes: [String: UInt64]
    }

    /// When the store last answered.
    var asOf: Date?
    /// Since when it has not answered, while it does not.
    var unreachableSince: Date?
    /// By reset rule.
    var periods: [ResetPeriod: Period] = [:]
    /// The earliest first connection of each user on any node.
    var firstSeen: [String: Date] = [:]

    static let fileName = "fleet-usage.tsv"
    private static let header = "telemt-gitops fleet usage 1"

    /// The other nodes' bytes of `user` in `interval` under `reset`: 0 when the period read is not
    /// this one (a new period began since the store last answered).
    func bytes(_ user: String, reset: ResetPeriod, interval: DateInterval?) -> UInt64 {
        guard let period = periods[reset], period.interval == interval else { return 0 }
        return period.bytes[user] ?? 0
    }

    /// The file's bytes: a header with the two instants, then one line per period, user and first connection.
    func encoded() -> [UInt8] {
        var lines = TabbedLines()
        lines.line([Self.header, Self.text(asOf), Self.text(unreachableSince)])
        for (reset, period) in periods.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            lines.line(["period", reset.rawValue, Self.text(period.interval?.start), Self.text(period.interval?.end)])
            for (user, bytes) in period.bytes.sorted(by: { $0.key < $1.key }) { lines.line(["u", user, "\(bytes)"]) }
        }
        for (user, at) in firstSeen.sorted(by: { $0.key < $1.key }) { lines.line(["f", user, Self.text(at)]) }
        lines.line(["end"])
        return lines.bytes
    }

    /// The value in `bytes`, nil when it is not a whole file of this kind.
    init?(encoded bytes: [UInt8]) {
        let lines = TabbedLines.split(bytes)
        guard let first = lines.first, first.count == 3, first[0] == Self.header, lines.last == ["end"] else { return nil }
        asOf = Self.date(first[1])
        unreachableSince = Self.date(first[2])
        var current: ResetPeriod?
        for line in lines.dropFirst().dropLast() {
            switch (line.first, line.count) {
            case ("period", 4):
                guard let reset = ResetPeriod(rawValue: line[1]) else { return nil }
                let interval = Self.date(line[2]).flatMap { start in Self.date(line[3]).map { DateInterval(start: start, end: $0) } }
                periods[reset] = Period(interval: interval, bytes: [:])
                current = reset
            case ("u", 3):
                guard let current, let value = UInt64(line[2]) else { return nil }
                periods[current]?.bytes[line[1]] = value
            case ("f", 3):
                guard let at = Self.date(line[2]) else { return nil }
                firstSeen[line[1]] = at
            default:
                return nil
            }
        }
    }

    init() {}

    private static func text(_ date: Date?) -> String { date.map { "\($0.timeIntervalSince1970)" } ?? "-" }

    private static func date(_ text: String) -> Date? { Double(text).map(Date.init(timeIntervalSince1970:)) }
}
