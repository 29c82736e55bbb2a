import Crypto
import Foundation
import Spec
import StatsSink
import TelemtRender

/// The steps of one tick, in order; ``ReconcileEngine`` runs one per call.
struct TickRun {
    let engine: ReconcileEngine
    let write: Bool
    let now: Date
    var configuration: EngineConfiguration { engine.configuration }

    init(engine: ReconcileEngine, write: Bool) {
        self.engine = engine
        self.write = write
        now = engine.clock()
    }

    func run() async throws(EngineError) -> TickReport {
        let state = try StateDirectory(configuration.stateDirectory)
        let lock = try StateDirectoryLock(directory: state.path, wait: engine.lockWait)
        defer { withExtendedLifetime(lock) {} }
        let input = try await DesiredInput.read(configuration, state: state)
        let applied = engine.files.value(state.file("applied.json")) { state.read(AppliedRecord.self, "applied.json") }
        do {
            var report = try await apply(input, applied: applied, state: state)
            report.notes = input.notes + report.notes
            return report
        } catch where error.code.reaction == .stalled || error.code == .key {
            var report = TickReport(outcome: .failed(error), revision: input.revision)
            if write {
                let status = failedStatus(applied: applied, attempted: .init(revision: input.revision, error: error.description), state: state)
                report.statusWritten = try? await writeStatus(status, input: input, state: state, timeZone: .gmt)
            }
            return report
        }
    }

    private func apply(_ input: DesiredInput, applied: AppliedRecord?, state: StateDirectory) async throws(EngineError) -> TickReport {
        let key = try loadKey()
        let disk = FileManager.default.contents(atPath: configuration.telemt.config).map { Array($0) }
        let checked = try check(input.files, revision: input.revision, disk: disk)
        let desired = checked.state
        try guardRemoval(applied: applied, desired: desired)
        let store = try openStore(state)
        var report = TickReport(outcome: .unchanged, revision: input.revision)
        let snapshot = await scrapeAndRecord(store, state: state, report: &report)
        let observations = try observe(store, desired: desired, pending: snapshot)
        let evaluations = engine.machine.evaluate(desired, observations: observations, now: now)
        let rendered = try renderOrReuse(desired, template: checked.template, evaluations: evaluations, key: key,
                                         applied: applied, revision: input.revision, disk: disk)
        report.plan = plan(input, applied: applied, desired: desired, observations: observations, disk: disk, rendered: rendered, warnings: checked.warnings)
        report.nextChange = UserStateMachine.soonestChange(evaluations)
        report.events = events(applied: applied, evaluations: evaluations, zone: desired.timeZone)
        report.drift = drift(disk: disk, applied: applied, state: state)
        guard write else { return report }
        try await writeConfig(rendered, disk: disk, input: input, desired: desired, report: &report, state: state)
        let record = try saveApplied(rendered, input: input, desired: desired, evaluations: evaluations, previous: applied,
                                     keyFingerprint: key.fingerprint, state: state)
        let status = nodeStatus(record, desired: desired, evaluations: evaluations, snapshot: snapshot, report: report, state: state)
        do {
            report.statusWritten = try await writeStatus(status, input: input, state: state, timeZone: desired.timeZone)
        } catch {
            report.notes.append("the status was not written back (\(error)); the config is applied and the next tick writes the status again")
        }
        return report
    }

    private func loadKey() throws(EngineError) -> MasterKey {
        do {
            return try MasterKey.load(from: configuration.keyFile)
        } catch {
            throw EngineError(.key, path: configuration.keyFile, "\(error)", hint: "create one with `telemt-gitops keygen --out \(configuration.keyFile)` or set `key`")
        }
    }

    private func check(_ files: DesiredFiles, revision: String, disk: [UInt8]?) throws(EngineError) -> CheckedDesiredState {
        let template = files.template ?? disk.map { DesiredFile(path: configuration.telemt.config, bytes: $0) }
        let key = revision + ":" + (template.map { Self.sha256($0.bytes) } ?? "none")
        return try engine.cache.checked(key) { () throws(EngineError) in try checkUncached(files, template: template) }
    }

    private func checkUncached(_ files: DesiredFiles, template: DesiredFile?) throws(EngineError) -> CheckedDesiredState {
        guard let template else {
            throw EngineError(.invalidRevision, path: configuration.telemt.config, "there is no telemt template: no telemt.toml in the repository and no config at telemt.config",
                              hint: "commit a telemt.toml, or point telemt.config (--telemt-config) at telemt's existing config.toml")
        }
        do {
            return try DesiredStateCheck(files: files, template: template).run()
        } catch {
            throw EngineError(.invalidRevision, Self.errorLines(error), hint: "fix it in a new commit; the last good config keeps serving")
        }
    }

    /// The errors of a refused revision, one per line, without its warnings and closing advice.
    static func errorLines(_ error: DesiredStateError) -> String {
        switch error {
        case .spec(let validation): validation.errors.map(\.description).joined(separator: "\n")
        case .template(_, let lines): lines.filter { $0.contains("error:") }.joined(separator: "\n")
        default: error.description
        }
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        Hex.encode(SHA256.hash(data: bytes))
    }
}
