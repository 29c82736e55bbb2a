import Foundation
import StatsSink

/// Whether telemt took up a config just written, read from telemt itself within a bounded wait:
/// from the read-only API where it is reachable (`config_reload_count` moved past the count before
/// the write, or `config_hash` equals the written file's hash while telemt had nothing to reload),
/// else from `/metrics` (the users with `telemt_user_unique_ips_limit` are the first 4,096 of the
/// users written, alphabetically). A refused config is only logged by telemt: nothing else tells,
/// so a timeout is `unconfirmed`, never an error.
struct ReloadConfirmation: Sendable {
    let telemt: any TelemtObserver
    let timeout: Duration
    let poll: Duration = .milliseconds(250)

    /// Waits for telemt; `before` is the API's reload count read before the write.
    func wait(writtenSHA256: String, limits: [String: Int?], before: UInt64?, accessChanged: Bool) async -> NodeStatus.Telemt.Reload {
        let deadline = ContinuousClock.now + timeout
        let expected = Set(limits.keys.sorted().prefix(4_096))
        while true {
            let probe: @Sendable () -> Bool = { [self] in confirmed(writtenSHA256: writtenSHA256, expected: expected, limits: limits, before: before, accessChanged: accessChanged) }
            if await BlockingWork.run(probe) { return .confirmed }
            guard ContinuousClock.now + poll < deadline else { return .unconfirmed }
            try? await Task.sleep(for: poll)
        }
    }

    private func confirmed(writtenSHA256: String, expected: Set<String>, limits: [String: Int?], before: UInt64?, accessChanged: Bool) -> Bool {
        if let info = try? telemt.systemInfo() {
            guard info.configHash.lowercased() == writtenSHA256 else { return false }
            // telemt counts a reload only when [access] or [general.telemetry] changed.
            guard accessChanged, let before else { return true }
            return info.configReloadCount > before
        }
        guard let snapshot = try? telemt.scrape(), !snapshot.uniqueIPLimits.isEmpty else { return false }
        guard Set(snapshot.uniqueIPLimits.keys) == expected else { return false }
        return snapshot.uniqueIPLimits.allSatisfy { user, shown in
            guard let limit = limits[user] ?? nil else { return true }
            return UInt64(clamping: limit) == shown
        }
    }
}
