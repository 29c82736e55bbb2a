import Crypto
import Foundation
import Spec
import StatsSink
import TelemtRender

/// What the first steps of a tick found, for the rest of it.
struct FullTick {
    var input: DesiredInput
    var applied: AppliedRecord?
    var key: MasterKey
    var disk: DiskConfig?
    var checked: CheckedDesiredState
    var store: SQLiteStatsStore
    var snapshot: TelemtSnapshot?
    /// The store's usage version read before the usage (see ``TickRun/memoKey``).
    var usageVersion: String?
    /// This node's part of a fleet, nil for a spec without `nodes:` (`checked` then holds only its users).
    var fleet: FleetTick?
}

/// The steps of one tick, in order; ``ReconcileEngine`` runs one per call.
struct TickRun {
    let engine: ReconcileEngine
    let write: Bool
    let now: Date
    /// The commit a status push of this tick made.
    let pushedStatus = PushedStatus()
    var configuration: EngineConfiguration { engine.configuration }

    init(engine: ReconcileEngine, write: Bool) {
        self.engine = engine
        self.write = write
        now = engine.clock()
    }

    func run() async throws(EngineError) -> TickReport {
        let state = try StateDirectory(configuration.stateDirectory)
        let lock = try await StateDirectoryLock.acquire(directory: state.path, wait: engine.lockWait)
        defer { withExtendedLifetime(lock) {} }
        var timer = StepTimer()
        let input = try await DesiredInput.read(configuration, state: state, sources: engine.sources)
        let applied = engine.files.value(state.file(AppliedRecord.fileName)) {
            FileManager.default.contents(atPath: state.file(AppliedRecord.fileName)).flatMap { AppliedRecord(encoded: Array($0)) }
        }
        timer.lap("source")
        do {
            var report = try await apply(input, applied: applied, state: state, timer: timer)
            report.notes = (state.created ? [Self.createdNote(state.path)] : []) + input.notes + report.notes
            if input.offline { report.unreachable.insert("git remote", at: 0) }
            report.statusCommit = pushedStatus.hex
            return report
        } catch where error.code.reaction == .stalled || error.code == .key {
            var report = TickReport(outcome: .failed(error), revision: input.revision)
            if write {
                let status = failedStatus(applied: applied, attempted: .init(revision: input.revision, error: error.description), state: state)
                report.statusWritten = try? await writeStatus(status, input: input, state: state, timeZone: .gmt,
                                                              heartbeat: failedStatusHeartbeat(state))
            }
            return report
        }
    }

    private func apply(_ input: DesiredInput, applied: AppliedRecord?, state: StateDirectory, timer: StepTimer) async throws(EngineError) -> TickReport {
        var timer = timer
        let memo = write ? engine.memo.take() : nil
        let key = try loadKey()
        let onDisk = await readDisk()
        timer.lap("read")
        let checkKey = checkKey(input, disk: onDisk)
        var checked = try check(input.files, key: checkKey, disk: onDisk)
        // Against the whole spec: a user moved to another node is not removed.
        if applied?.revision != input.revision { try guardRemoval(applied: applied, desired: checked.state) }
        let fleet = try await fleetTick(checked.state, input: input, state: state)
        try narrow(&checked, to: fleet, state: state)
        timer.lap("check")
        let store = try await openStore(state)
        var report = TickReport(outcome: .unchanged, revision: input.revision)
        report.notes += fleet?.notes ?? []
        let snapshot = await scrapeAndRecord(store, state: state, report: &report)
        timer.lap("scrape")
        let version = await usageVersion(store)
        if let memo, let applied, let memoKey = memoKey(input, checkKey: checkKey + (fleet?.stamp ?? ""), key: key, disk: onDisk, applied: applied, version: version,
                                                        snapshot: snapshot, timeZone: checked.state.timeZone, state: state),
           memo.holds(for: memoKey, at: now, telemtStarted: Self.started(snapshot)) {
            engine.memo.put(memo)
            var fast = memoReport(memo, input: input, applied: applied)
            fast.notes = report.notes
            fast.unreachable = report.unreachable
            fast.recordedBytes = report.recordedBytes
            timer.lap("memo")
            fast.steps = timer.steps
            return fast
        }
        let tick = FullTick(input: input, applied: applied, key: key, disk: onDisk, checked: checked, store: store, snapshot: snapshot,
                            usageVersion: version, fleet: fleet)
        return try await full(tick, report: report, state: state, timer: timer)
    }

    /// Evaluates, renders, plans and (when writing) applies, records and reports the status; leaves a
    /// memo for the next tick when everything went through. The render runs beside the domain diff,
    /// and the state files are written beside the status's making (two cores at 100,000 users).
    private func full(_ tick: FullTick, report: TickReport, state: StateDirectory, timer: StepTimer) async throws(EngineError) -> TickReport {
        var timer = timer, report = report
        let (input, applied, desired, disk) = (tick.input, tick.applied, tick.checked.state, tick.disk)
        var observations = try await observe(tick.store, desired: desired, pending: tick.snapshot)
        let others = addingOtherNodes(&observations, fleet: tick.fleet, desired: desired)
        timer.lap("observe")
        let evaluations = engine.machine.evaluate(desired, observations: observations, now: now)
        timer.lap("evaluate")
        async let rendering = BlockingWork.run { [self] in
            Result { () throws(EngineError) in
                try renderOrReuse(desired, template: tick.checked.template, evaluations: evaluations, key: tick.key,
                                  applied: applied, revision: input.revision, disk: disk)
            }
        }
        // With nothing applied, the users in the config on disk are the baseline, read beside the render's users.
        var changes = applied == nil ? [] : domainChanges(applied: applied, desired: desired, observations: observations, evaluations: evaluations)
        report.nextChange = UserStateMachine.soonestChange(evaluations)
        report.usersByState = evaluations.reduce(into: [:]) { counts, evaluation in counts[evaluation.state.rawValue, default: 0] += 1 }
        report.events = events(applied: applied, evaluations: evaluations, zone: desired.timeZone)
        report.drift = drift(disk: disk, applied: applied, state: state)
        let rendered = keepingEquivalentDisk(try await rendering.get(), disk: disk)
        if applied == nil {
            let baseline = ObservedBaseline.snapshots(disk: disk?.bytes, rendered: rendered.users, desired: desired)
            changes = domainChanges(applied: nil, baseline: baseline, desired: desired, observations: observations, evaluations: evaluations)
        }
        report.plan = plan(input, applied: applied, desired: desired, changes: changes, disk: disk?.bytes, rendered: rendered, warnings: tick.checked.warnings)
        if let fleet = tick.fleet {
            report.plan = report.plan?.withFleet(moves: fleet.moves, placement: fleet.view.placement, node: configuration.node, now: now, timeZone: desired.timeZone)
        }
        report.plan?.plans = PlanBuilder.planMoves(applied: applied?.users, desired: desired)
        timer.lap("render and plan")
        guard write else {
            let change = TelemtConfigFile.change(from: disk?.bytes, to: rendered.bytes)
            report.restartNeeded = change.restartNeeded
            if let note = change.note { report.plan?.warnings.append(note) }
            report.steps = timer.steps
            return report
        }
        return try await apply(rendered, evaluations: evaluations, tick: tick, report: report, state: state, timer: timer, others: others)
    }

    /// Writes the config, the state files and the status.
    private func apply(_ rendered: RenderedTick, evaluations: [UserEvaluation], tick: FullTick, report: TickReport, state: StateDirectory,
                       timer: StepTimer, others: [String: UInt64]?) async throws(EngineError) -> TickReport {
        var timer = timer, report = report
        let (input, desired) = (tick.input, tick.checked.state)
        // The last safe point: a tick stopped (a daemon shutting down) before this writes nothing.
        guard !Task.isCancelled else {
            throw EngineError(.abandoned, "the tick was stopped before it wrote anything", hint: "the next tick applies this revision")
        }
        try await enqueueBeforeWrite(report, tick: tick, rendered: rendered)
        try await writeConfig(rendered, disk: tick.disk?.bytes, input: input, desired: desired, report: &report, state: state)
        let written = DiskConfig(bytes: rendered.bytes, sha256: rendered.sha256)
        if input.files.template == nil { engine.cache.seed(checkKey(input, disk: written), tick.checked, template: rendered.bytes) }
        try await enqueueAfterWrite(report, evaluations: evaluations, tick: tick, writtenSHA256: rendered.sha256)
        let record = appliedRecord(rendered, input: input, desired: desired, evaluations: evaluations, previous: tick.applied,
                                   keyFingerprint: tick.key.fingerprint)
        async let saving = BlockingWork.run { [self] in
            Result { () throws(EngineError) in try save(record, rendered: rendered, previous: tick.applied, state: state) }
        }
        let (status, userYAML) = nodeStatus(record, desired: desired, evaluations: evaluations, snapshot: tick.snapshot, report: report, state: state,
                                            others: others)
        try await saving.get()
        if let fleet = tick.fleet { try saveFleetRecord(fleet.record, state: state) }
        timer.lap("write")
        do {
            let heartbeat = tick.fleet == nil ? 3_600 : configuration.fleet.statusHeartbeat
            report.statusWritten = try await writeStatus(status, userYAML: userYAML, input: input, state: state, timeZone: desired.timeZone,
                                                         heartbeat: heartbeat)
            let key = memoKey(input, checkKey: checkKey(input, disk: written) + (tick.fleet?.stamp ?? ""), key: tick.key, disk: written, applied: record,
                              version: tick.usageVersion, snapshot: tick.snapshot, timeZone: desired.timeZone, state: state)
            engine.memo.put(memo(key: key, report: report, snapshot: tick.snapshot, state: state, every: heartbeat))
        } catch {
            report.notes.append("the status was not written back (\(error)); the config is applied and the next tick writes the status again")
        }
        timer.lap("status")
        report.steps = timer.steps
        return report
    }

    private func loadKey() throws(EngineError) -> MasterKey {
        do {
            return try MasterKey.load(from: configuration.keyFile)
        } catch {
            throw EngineError(.key, path: configuration.keyFile, wrapping: error)
        }
    }

    /// telemt's config on disk and its hash, read again only when the file changed.
    private func readDisk() async -> DiskConfig? {
        let (path, files) = (configuration.telemt.config, engine.files)
        return await BlockingWork.run { files.value(path) { FileManager.default.contents(atPath: path).map { DiskConfig(bytes: Array($0)) } } }
    }

    private func check(_ files: DesiredFiles, key: String, disk: DiskConfig?) throws(EngineError) -> CheckedDesiredState {
        let template = TelemtConfigFile(path: configuration.telemt.config).template(repository: files.template, current: disk?.bytes)
        return try engine.cache.checked(key) { () throws(EngineError) in try checkUncached(files, template: template) }
    }

    /// The check's cache key: the revision and the template's hash (the config on disk when the
    /// repository has no telemt.toml).
    func checkKey(_ input: DesiredInput, disk: DiskConfig?) -> String {
        input.revision + ":" + (input.files.template.map { Self.sha256($0.bytes) } ?? disk?.sha256 ?? "none")
    }

    private func checkUncached(_ files: DesiredFiles, template: DesiredFile?) throws(EngineError) -> CheckedDesiredState {
        guard let template else {
            throw EngineError(.invalidRevision, path: configuration.telemt.config, "there is no telemt template: no telemt.toml in the repository and no config at telemt.config",
                              hint: "commit a telemt.toml, or point telemt.config (--telemt-config) at telemt's existing config.toml")
        }
        do {
            return try DesiredStateCheck(files: files, template: template, cache: engine.cache.parses).run()
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

    /// Said once, when a tick made the state directory: where the state lives from now on.
    static func createdNote(_ path: String) -> String {
        "created state directory \(path) (the git cache, the store, the last good render and the status; state_dir or --state-dir chooses another)"
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        Hex.encode(SHA256.hash(data: bytes))
    }
}
