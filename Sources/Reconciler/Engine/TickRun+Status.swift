import Foundation
import Spec
import StatsSink

extension TickRun {
    /// The status of this tick and the YAML of its users (reused from the last status where unchanged).
    /// `others` is what other nodes' status files added to users' usage: the file shows this node's
    /// own part, so that nodes summing each other's files count every byte once.
    func nodeStatus(_ record: AppliedRecord, desired: DesiredState, evaluations: [UserEvaluation], snapshot: TelemtSnapshot?,
                    report: TickReport, state: StateDirectory, others: [String: UInt64]? = nil) -> (NodeStatus, [String]) {
        let connections = snapshot.map(Self.connections) ?? [:]
        let own = (others ?? [:]).isEmpty ? evaluations : evaluations.map { evaluation in
            var mine = evaluation
            mine.used -= min(mine.used, others?[evaluation.user] ?? 0)
            return mine
        }
        let lines = engine.statusLines.lines(own.map { Self.bucketed($0, atLeastLimit: others == nil) }, connections: { connections[$0] ?? 0 }, timeZone: desired.timeZone) {
            UserStatusEntry(name: $0.user, state: $0.state.rawValue, reason: $0.reason, period: $0.period, used: $0.used, limit: $0.limit,
                            expire: $0.expire, firstSeen: $0.firstSeen, connections: $1)
        }
        let entries = lines.map(\.entry)
        let reload = report.reload != .unchanged ? report.reload : previousStatus(state)?.telemt?.reload ?? .unchanged
        let telemt = snapshot.map { NodeStatus.Telemt(version: $0.version, started: $0.scrapedAt.addingTimeInterval(-$0.uptime.rounded(.down)), reload: reload) }
        var warnings = report.plan?.warnings.filter { !$0.contains(": warning:") } ?? []
        warnings += report.restartNeeded.isEmpty ? [] : ["telemt restart needed: " + report.restartNeeded.joined(separator: ", ")]
        warnings += engine.fleetMemory.health?.summary.map { [$0] } ?? []
        let status = NodeStatus(node: configuration.node, applied: .init(revision: record.revision, configSHA256: record.configSHA256, at: record.at),
                                telemt: telemt, heartbeat: now, warnings: warnings, users: entries)
        // The blocks are in evaluation order; they stand for the file only if that is the status's name order.
        return (status, NodeStatus.isSortedByName(entries) ? lines.map(\.yaml) : [])
    }

    /// A user's evaluation as the status shows it: the state from exact usage; the usage (and so the
    /// reason) bucketed, so the file changes only when a bucket is crossed (a limited user shows at
    /// least its limit, unless the file shows this node's part of a fleet's usage: other nodes add it up).
    private static func bucketed(_ evaluation: UserEvaluation, atLeastLimit: Bool) -> UserEvaluation {
        var shown = UsageBucket.floor(evaluation.used, limit: evaluation.limit)
        if atLeastLimit, evaluation.state == .limited, let limit = evaluation.limit.byteCount { shown = max(shown, limit) }
        var bucketed = evaluation
        bucketed.used = shown
        bucketed.nextChange = nil
        return bucketed
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
    /// heartbeat is `heartbeat` old (an hour; less in a fleet): to `<state_dir>/status/<node>.yaml`, and for a repository through the git source.
    /// `heartbeat` is how old the last status may get before it is written anyway (a fleet's nodes read each other's).
    func writeStatus(_ status: NodeStatus, userYAML: [String]? = nil, input: DesiredInput, state: StateDirectory,
                     timeZone: TimeZone, heartbeat: TimeInterval = 3_600) async throws(EngineError) -> String? {
        let path = state.statusFile(node: configuration.node)
        if let previous = previousStatus(state), now.timeIntervalSince(previous.heartbeat) < heartbeat, !status.differsMeaningfully(from: previous) { return nil }
        let bytes = Array(status.yaml(timeZone: timeZone, userYAML: userYAML).utf8)
        if let source = input.source {
            do {
                let result = try await source.writeStatus(node: configuration.node, contents: bytes)
                try await writeLocal(bytes, state: state)
                engine.files.remember(path, status)
                switch result {
                case .pushed(let commit, let branch, _):
                    pushedStatus.set(commit.hex)
                    return "committed status/\(configuration.node).yaml as \(commit.short) on \(branch)"
                case .unchanged(_, let branch): return "status/\(configuration.node).yaml on \(branch) already holds this status"
                }
            } catch let error as EngineError {
                throw error
            } catch {
                throw EngineError(.statusWrite, "\(error)", hint: "the config was applied; the status is written again at the next tick")
            }
        }
        try await writeLocal(bytes, state: state)
        engine.files.remember(path, status)
        return path
    }

    /// Writes the status into the state directory, off the cooperative pool (it is large at 100,000 users).
    private func writeLocal(_ bytes: [UInt8], state: StateDirectory) async throws(EngineError) {
        let name = "status/\(configuration.node).yaml"
        let result = await BlockingWork.run { () -> Result<Void, EngineError> in
            Result { () throws(EngineError) in try state.writeBytes(bytes, name) }
        }
        try result.get()
    }
}
