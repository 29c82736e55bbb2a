import Foundation
import Spec
import StatsSink

extension TickRun {
    func nodeStatus(_ record: AppliedRecord, desired: DesiredState, evaluations: [UserEvaluation], snapshot: TelemtSnapshot?,
                    report: TickReport, state: StateDirectory) -> NodeStatus {
        let specs = Dictionary(uniqueKeysWithValues: desired.users.map { ($0.name, $0) })
        let connections = snapshot.map(Self.connections) ?? [:]
        let users = evaluations.map { evaluation in
            statusEntry(evaluation, spec: specs[evaluation.user], zone: desired.timeZone, connections: connections[evaluation.user] ?? 0)
        }
        let reload = report.reload != .unchanged ? report.reload : previousStatus(state)?.telemt?.reload ?? .unchanged
        let telemt = snapshot.map { NodeStatus.Telemt(version: $0.version, started: $0.scrapedAt.addingTimeInterval(-$0.uptime.rounded(.down)), reload: reload) }
        var warnings = report.plan?.warnings.filter { !$0.contains(": warning:") } ?? []
        warnings += report.restartNeeded.isEmpty ? [] : ["telemt restart needed: " + report.restartNeeded.joined(separator: ", ")]
        return NodeStatus(node: configuration.node, applied: .init(revision: record.revision, configSHA256: record.configSHA256, at: record.at),
                          telemt: telemt, heartbeat: now, warnings: warnings, users: users)
    }

    /// A user's status line: the state from exact usage; the usage and reason from the bucketed
    /// usage, so the file changes only when a bucket is crossed (a limited user shows at least its limit).
    private func statusEntry(_ evaluation: UserEvaluation, spec: UserSpec?, zone: TimeZone, connections: UInt64) -> UserStatusEntry {
        var shown = UsageBucket.floor(evaluation.used, limit: evaluation.limit)
        if evaluation.state == .limited, let limit = evaluation.limit.byteCount { shown = max(shown, limit) }
        let reason = spec.map { engine.machine.evaluate($0, observation: UserObservation(periodUsage: shown, firstConnection: evaluation.firstSeen), timeZone: zone, now: now).reason }
        return UserStatusEntry(name: evaluation.user, state: evaluation.state.rawValue, reason: reason ?? evaluation.reason, period: evaluation.period,
                               used: shown, limit: evaluation.limit, expire: evaluation.expire, firstSeen: evaluation.firstSeen, connections: connections)
    }

    private static func connections(_ snapshot: TelemtSnapshot) -> [String: UInt64] {
        var result = snapshot.users.compactMapValues(\.connectionsCurrent)
        for (user, reading) in snapshot.api?.users ?? [:] { if let value = reading.currentConnections { result[user] = value } }
        return result
    }

    /// The status last written by this node, if it can be read.
    func previousStatus(_ state: StateDirectory) -> NodeStatus? {
        let path = state.statusFile(node: configuration.node)
        return engine.files.value(path) { FileManager.default.contents(atPath: path).flatMap { try? NodeStatus(reading: Array($0), file: path) } }
    }

    /// The status while the newest revision fails: the last applied one, plus the attempt and its error.
    func failedStatus(applied: AppliedRecord?, attempted: NodeStatus.Attempted, state: StateDirectory) -> NodeStatus {
        var status = previousStatus(state) ?? NodeStatus(node: configuration.node, heartbeat: now)
        if status.applied == nil, let applied { status.applied = .init(revision: applied.revision, configSHA256: applied.configSHA256, at: applied.at) }
        status.attempted = attempted
        status.heartbeat = now
        return status
    }

    /// Writes the status when it changed meaningfully (``NodeStatus/differsMeaningfully(from:)``) or the
    /// heartbeat is an hour old: to `<state_dir>/status/<node>.yaml`, and for a repository through the git source.
    func writeStatus(_ status: NodeStatus, input: DesiredInput, state: StateDirectory, timeZone: TimeZone) async throws(EngineError) -> String? {
        let path = state.statusFile(node: configuration.node)
        if let previous = previousStatus(state), now.timeIntervalSince(previous.heartbeat) < 3_600, !status.differsMeaningfully(from: previous) { return nil }
        let bytes = Array(status.yaml(timeZone: timeZone).utf8)
        if let source = input.source {
            do {
                let result = try await source.writeStatus(node: configuration.node, contents: bytes)
                try state.writeBytes(bytes, "status/\(configuration.node).yaml")
                switch result {
                case .pushed(let commit, let branch, _): return "committed status/\(configuration.node).yaml as \(commit.short) on \(branch)"
                case .unchanged(_, let branch): return "status/\(configuration.node).yaml on \(branch) already holds this status"
                }
            } catch let error as EngineError {
                throw error
            } catch {
                throw EngineError(.statusWrite, "\(error)", hint: "the config was applied; the status is written again at the next tick")
            }
        }
        try state.writeBytes(bytes, "status/\(configuration.node).yaml")
        return path
    }
}
