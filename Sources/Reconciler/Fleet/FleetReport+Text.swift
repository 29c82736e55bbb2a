public import Foundation
import Spec

extension FleetReport {
    /// The table for a terminal: one line per node, then each node's problems.
    public func text(timeZone: TimeZone) -> String {
        let header = ["NODE", "HEALTH", "HEARTBEAT", "PLACED", "SERVED", "APPLIED", "LAG", "TRAFFIC", "ENDPOINT"]
        let lines = rows.map(cells)
        let widths = header.indices.map { column in ([header] + lines).map { $0[column].count }.max() ?? 0 }
        let pad = { (cells: [String]) in
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        var out = "fleet at \(revision.prefix(12)) (\(InstantFormat.string(at, timeZone: timeZone))): \(summary)\n"
        out += ([header] + lines).map(pad).joined(separator: "\n") + "\n"
        for row in rows {
            for problem in row.problems {
                out += "\(row.node): " + problem.split(separator: "\n", omittingEmptySubsequences: false).map(Self.printable).joined(separator: "\n  ") + "\n"
            }
        }
        return out
    }

    /// `text` with control characters shown as `?`: a status file is anyone's with push access, and
    /// its text must not drive the terminal it is printed on.
    static func printable(_ text: some StringProtocol) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) ? "?" : $0 }))
    }

    /// One row's cells, in the header's order.
    private func cells(_ row: Row) -> [String] {
        let heartbeat = row.heartbeat.map { Self.age(at.timeIntervalSince($0)) } ?? "-"
        let served = row.served.map(String.init) ?? "-"
        let applied = row.applied.map { Self.printable($0.prefix(12)) } ?? "-"
        let lag = row.lag.map { $0 == 0 ? "current" : "\($0) behind" } ?? "-"
        let traffic = row.traffic.map { LimitFormat.string(bytes: $0) } ?? "-"
        let endpoint = row.endpoint + (row.region.map { " (\($0))" } ?? "")
        return [row.node, row.health, heartbeat, String(row.placed), served, applied, lag, traffic, endpoint]
    }

    /// `3 nodes: 2 up, 1 down`.
    public var summary: String {
        let counts = ["up", "down", "unknown"].map { health in (health, rows.filter { $0.health == health }.count) }.filter { $0.1 > 0 }
        return "\(rows.count) node\(rows.count == 1 ? "" : "s"): " + counts.map { "\($0.1) \($0.0)" }.joined(separator: ", ")
    }

    /// The report as JSON (stable key order).
    public func json() -> String {
        let rows: [JSONValue] = self.rows.map { row in
            .object([
                ("node", .string(row.node)), ("endpoint", .string(row.endpoint)), ("region", row.region.map(JSONValue.string) ?? .null),
                ("health", .string(row.health)), ("heartbeat", row.heartbeat.map { .string(StatusText.instant($0)) } ?? .null),
                ("placed", .int(row.placed)), ("served", row.served.map { .int($0) } ?? .null),
                ("applied", row.applied.map(JSONValue.string) ?? .null), ("lag", row.lag.map { .int($0) } ?? .null),
                ("traffic_bytes", row.traffic.map { .string(String($0)) } ?? .null), ("problems", .array(row.problems.map(JSONValue.string))),
            ])
        }
        return JSONValue.object([("revision", .string(revision)), ("at", .string(StatusText.instant(at))), ("summary", .string(summary)),
                                 ("nodes", .array(rows))]).pretty() + "\n"
    }

    /// `45s`, `12m`, `3h`, `2d` ago.
    static func age(_ seconds: TimeInterval) -> String {
        let value = max(0, Int(seconds))
        if value < 120 { return "\(value)s ago" }
        if value < 7_200 { return "\(value / 60)m ago" }
        return value < 172_800 ? "\(value / 3_600)h ago" : "\(value / 86_400)d ago"
    }
}
