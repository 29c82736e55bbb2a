import Foundation

/// The heartbeats of a fleet's nodes read from their committed status files (`status/<node>.yaml`):
/// the `heartbeat:` line of each, found before the users (so a 100,000-user file is not parsed).
enum FleetHeartbeats {
    /// The newest heartbeat of each node that has a status file with one, by node name (the file's name).
    static func read(_ files: [DesiredFile]) -> [String: Date] {
        var result: [String: Date] = [:]
        for file in files {
            guard let node = node(of: file.path), let heartbeat = heartbeat(in: file.bytes) else { continue }
            result[node] = max(result[node] ?? heartbeat, heartbeat)
        }
        return result
    }

    /// `eu-1` of `status/eu-1.yaml` (or `.yml`).
    static func node(of path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[parts.count - 2] == "status", let last = parts.last else { return nil }
        let name = String(last)
        for suffix in [".yaml", ".yml"] where name.hasSuffix(suffix) {
            let node = String(name.dropLast(suffix.count))
            return RepoPath.isValidNodeName(node) ? node : nil
        }
        return nil
    }

    /// The top-level `heartbeat:` instant, looked for line by line before `users:` (so a long
    /// `attempted` error before it is no reason to miss it, and the users are never looked at).
    static func heartbeat(in bytes: [UInt8]) -> Date? {
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            let line = bytes[start..<end]
            start = end + 1
            if line.starts(with: "users:".utf8) { return nil }
            guard line.starts(with: "heartbeat: ".utf8), let text = String(validating: line, as: UTF8.self) else { continue }
            return StatusText.parseInstant(String(text.dropFirst("heartbeat: ".count)))
        }
        return nil
    }

    /// `heartbeats` without the ones more than `tolerance` ahead of `now`: a clock stepped forward or a
    /// forged status file would otherwise keep its node up long after it stopped (a node's newest
    /// heartbeat is never replaced by an older one). A note for each left out, saying what to do.
    static func plausible(_ heartbeats: [String: Date], now: Date, tolerance: TimeInterval) -> (kept: [String: Date], notes: [String]) {
        let ahead = heartbeats.filter { $0.value.timeIntervalSince(now) > tolerance }
        let notes = ahead.sorted { $0.key < $1.key }.map { node, heartbeat in
            "node \(node)'s heartbeat \(StatusText.instant(heartbeat)) is ahead of this host's clock (\(StatusText.instant(now))) "
                + "by more than fleet.down_after: it is not taken; check both hosts' clocks (NTP)"
        }
        return (heartbeats.filter { ahead[$0.key] == nil }, notes)
    }
}
