import Foundation
import StatsSink

/// A scrape kept in the fleet spool, as exact text: every counter as a decimal integer and every
/// double in Swift's shortest round-trip form, so a replayed scrape is the scrape that was read.
/// Lines are ``TabbedLines``; the last line counts the others, so a cut file reads as nothing.
enum SpooledSnapshot {
    static let header = "telemt-gitops fleet spool 1"

    static func encode(_ snapshot: TelemtSnapshot) -> [UInt8] {
        var lines = TabbedLines()
        let series = snapshot.userSeries
        lines.line([header, "\(snapshot.scrapedAt.timeIntervalSince1970)", "\(snapshot.uptime)", snapshot.version ?? "-",
                    text(snapshot.connectionsTotal), series.map { $0.suppressed ? "1" : "0" } ?? "-", text(series?.statsEmitted),
                    text(series?.statsSuppressed), snapshot.api.map { text($0.processStartedAt) } ?? "none"])
        var count = 1
        for (user, counters) in snapshot.users.sorted(by: { $0.key < $1.key }) {
            lines.line(["m", user, "\(counters.octetsFromClient)", "\(counters.octetsToClient)", text(counters.connectionsCurrent),
                        text(counters.uniqueIPsCurrent)])
            count += 1
        }
        for (user, reading) in (snapshot.api?.users ?? [:]).sorted(by: { $0.key < $1.key }) {
            lines.line(["a", user, "\(reading.totalOctets)", text(reading.currentConnections)])
            count += 1
        }
        for (user, limit) in snapshot.uniqueIPLimits.sorted(by: { $0.key < $1.key }) {
            lines.line(["l", user, "\(limit)"])
            count += 1
        }
        lines.line(["end", "\(count)"])
        return lines.bytes
    }

    /// The scrape in `bytes`, or nil when the file is not a whole spool entry.
    static func decode(_ bytes: [UInt8]) -> TelemtSnapshot? {
        let lines = TabbedLines.split(bytes)
        guard let first = lines.first, first.count == 9, first[0] == header, let last = lines.last, last == ["end", "\(lines.count - 1)"],
              let at = Double(first[1]), let uptime = Double(first[2]) else { return nil }
        var snapshot = TelemtSnapshot(scrapedAt: Date(timeIntervalSince1970: at), uptime: uptime, version: first[3] == "-" ? nil : first[3],
                                      connectionsTotal: UInt64(first[4]))
        if first[5] != "-" { snapshot.userSeries = UserSeriesExport(suppressed: first[5] == "1", statsEmitted: UInt64(first[6]), statsSuppressed: UInt64(first[7])) }
        if first[8] != "none" { snapshot.api = TelemtAPIObservation(processStartedAt: UInt64(first[8])) }
        for line in lines.dropFirst().dropLast() {
            guard add(line, to: &snapshot) else { return nil }
        }
        return snapshot
    }

    private static func add(_ line: [String], to snapshot: inout TelemtSnapshot) -> Bool {
        switch (line.first, line.count) {
        case ("m", 6):
            guard let from = UInt64(line[2]), let to = UInt64(line[3]) else { return false }
            snapshot.users[line[1]] = UserCounters(octetsFromClient: from, octetsToClient: to, connectionsCurrent: UInt64(line[4]),
                                                   uniqueIPsCurrent: UInt64(line[5]))
        case ("a", 4):
            guard let total = UInt64(line[2]), snapshot.api != nil else { return false }
            snapshot.api?.users[line[1]] = TelemtAPIObservation.User(totalOctets: total, currentConnections: UInt64(line[3]))
        case ("l", 3):
            guard let limit = UInt64(line[2]) else { return false }
            snapshot.uniqueIPLimits[line[1]] = limit
        default:
            return false
        }
        return true
    }

    private static func text(_ value: UInt64?) -> String { value.map { "\($0)" } ?? "-" }
}
