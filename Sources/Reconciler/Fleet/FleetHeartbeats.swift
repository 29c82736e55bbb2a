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

    /// The top-level `heartbeat:` instant, looked for in the lines before `users:` (the first 64 KiB at most).
    static func heartbeat(in bytes: [UInt8]) -> Date? {
        let head = bytes.prefix(65_536)
        for line in head.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            guard let text = String(validating: line, as: UTF8.self) else { continue }
            if text.hasPrefix("users:") { return nil }
            if text.hasPrefix("heartbeat: ") { return StatusText.parseInstant(String(text.dropFirst("heartbeat: ".count))) }
        }
        return nil
    }
}
