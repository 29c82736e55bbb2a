import Foundation
import Spec
import StatsSink
import TelemtRender

extension TickRun {
    /// The store's usage version of this node, nil when it cannot be read (then no memo applies); with
    /// a fleet store, also the shared store's (``fleetUsageVersion()``).
    func usageVersion(_ store: SQLiteStatsStore) async -> String? {
        guard let local = try? await store.usageVersion(node: configuration.node) else { return nil }
        guard engine.fleetStore != nil else { return local }
        return await fleetUsageVersion().map { local + " | " + $0 }
    }

    /// The inputs a ``TickMemo`` is keyed by, or nil when a memo cannot apply (nothing applied yet,
    /// the config on disk is not the one applied, or the usage version is unknown). `version` is the
    /// store's usage version taken *before* the usage was read, so traffic recorded meanwhile by
    /// another process ends the memo. The engine's own settings and the identities of the state files
    /// it keeps (the status, the last good render) are part of the key.
    func memoKey(_ input: DesiredInput, checkKey: String, key: MasterKey, disk: DiskConfig?, applied: AppliedRecord?,
                 version: String?, snapshot: TelemtSnapshot?, timeZone: TimeZone, state: StateDirectory) -> [String]? {
        guard let disk, let applied, let version, applied.revision == input.revision, applied.configSHA256 == disk.sha256,
              applied.keyFingerprint == key.fingerprint else { return nil }
        let periods = ResetPeriod.allCases.map { reset in
            UsagePeriod.containing(now, reset: reset, timeZone: timeZone).interval.map { "\($0.start.timeIntervalSince1970)" } ?? "-"
        }
        let telemt = snapshot.map { "telemt \($0.version ?? "")" } ?? "no telemt"
        let files = [state.statusFile(node: configuration.node), state.lastGood].map { FileIdentity.of($0)?.description ?? "none" }
        let engine = "\(configuration) \(self.engine.machine) \(self.engine.allowMassRemoval) \(self.engine.takeOverNode)"
        return [input.revision, checkKey, disk.sha256, version, telemt, engine] + files + periods
    }

    /// The report of a tick whose inputs match the memo: nothing to evaluate, render, write or report.
    func memoReport(_ memo: TickMemo, input: DesiredInput, applied: AppliedRecord) -> TickReport {
        var report = TickReport(outcome: .unchanged, revision: input.revision)
        report.plan = Plan(node: configuration.node, revision: input.revision, appliedRevision: applied.revision, changes: [],
                           config: nil, warnings: memo.warnings)
        report.nextChange = memo.nextChange
        return report
    }

    /// The memo a clean full tick leaves: valid until the soonest state change or the hour the status
    /// heartbeat is due, whichever is first.
    func memo(key: [String]?, report: TickReport, snapshot: TelemtSnapshot?, state: StateDirectory, every: TimeInterval = 3_600) -> TickMemo? {
        guard let key, let heartbeat = report.statusWritten != nil ? now : previousStatus(state)?.heartbeat else { return nil }
        let due = heartbeat.addingTimeInterval(every)
        return TickMemo(key: key, evaluatedAt: now, validUntil: min(report.nextChange ?? due, due),
                        nextChange: report.nextChange, warnings: report.plan?.warnings ?? [], telemtStarted: Self.started(snapshot))
    }

    /// When telemt started, by the scrape's clock and telemt's uptime.
    static func started(_ snapshot: TelemtSnapshot?) -> Date? {
        snapshot.map { $0.scrapedAt.addingTimeInterval(-$0.uptime) }
    }
}
