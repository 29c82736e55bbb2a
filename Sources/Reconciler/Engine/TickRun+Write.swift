import Foundation
import Spec
import StatsSink
import TelemtRender

extension TickRun {
    /// Writes telemt's config when its bytes differ: the intent first (`pending.json`), then the file
    /// atomically in its own directory; then the restart check and telemt's reload confirmation.
    func writeConfig(_ rendered: RenderedTick, disk: [UInt8]?, input: DesiredInput, desired: DesiredState,
                     report: inout TickReport, state: StateDirectory) async throws(EngineError) {
        guard disk != rendered.bytes else { return }
        let before = await BlockingWork.run { [telemt = engine.telemt] in (try? telemt?.systemInfo())?.configReloadCount }
        let intent = PendingWrite(revision: input.revision, configSHA256: rendered.sha256)
        try await BlockingWork.run { () -> Result<Void, EngineError> in Result { () throws(EngineError) in try state.write(intent, "pending.json") } }.get()
        let file = TelemtConfigFile(path: configuration.telemt.config)
        do {
            let bytes = rendered.bytes
            _ = try await BlockingWork.run { try file.write(bytes) }
            engine.files.remember(file.path, DiskConfig(bytes: rendered.bytes, sha256: rendered.sha256))
        } catch {
            // The write error names the file and says what was kept and what to check.
            throw EngineError(.telemtConfig, "\(error)", hint: disk == nil ? nil : "telemt keeps serving the previous config")
        }
        report.outcome = .applied
        let change = TelemtConfigFile.change(from: disk, to: rendered.bytes)
        report.restartNeeded = change.restartNeeded
        if let note = change.note { report.notes.append(await restart(note)) }
        guard let telemt = engine.telemt else { return }
        let limits = Dictionary(uniqueKeysWithValues: desired.users.map { ($0.name, $0.maxUniqueIPs) })
        report.reload = await ReloadConfirmation(telemt: telemt, timeout: configuration.telemt.reloadTimeout)
            .wait(writtenSHA256: rendered.sha256, limits: limits, before: before, accessChanged: change.access)
        if report.reload == .unconfirmed {
            report.notes.append("reload unconfirmed: telemt did not show the new config within \(configuration.telemt.reloadTimeout); telemt logs a refused config and keeps the old one")
        }
    }

    /// Runs `telemt.restart_command` when set; the note says what happened.
    private func restart(_ what: String) async -> String {
        guard let command = configuration.telemt.restartCommand else { return what + " (set telemt.restart_command to run one)" }
        let status = await BlockingWork.run { () -> Int32 in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", command]
            do { try process.run() } catch { return -1 }
            process.waitUntilExit()
            return process.terminationStatus
        }
        return status == 0 ? what + "; ran the restart command" : what + "; the restart command failed (status \(status)): restart telemt by hand"
    }

    /// What this tick applied: the record keeps the instant the config was first applied while its
    /// hash and revision stay the same.
    func appliedRecord(_ rendered: RenderedTick, input: DesiredInput, desired: DesiredState, evaluations: [UserEvaluation],
                       previous: AppliedRecord?, keyFingerprint: String) -> AppliedRecord {
        let since = previous.flatMap { $0.configSHA256 == rendered.sha256 && $0.revision == input.revision ? $0.at : nil } ?? now
        return AppliedRecord(revision: input.revision, configSHA256: rendered.sha256, keyFingerprint: keyFingerprint, at: since,
                             users: desired.users.map(UserSnapshot.init), evaluations: evaluations.map(AppliedRecord.Evaluation.init))
    }

    /// Keeps what was applied: the render (0600, it holds secrets) and the record; clears the intent.
    func save(_ record: AppliedRecord, rendered: RenderedTick, previous: AppliedRecord?, state: StateDirectory) throws(EngineError) {
        if previous?.configSHA256 != rendered.sha256 || !FileManager.default.fileExists(atPath: state.lastGood) {
            try state.writeBytes(rendered.bytes, "last-good.toml")
        }
        if record != previous {
            try state.writeBytes(record.encoded(), AppliedRecord.fileName)
            engine.files.remember(state.file(AppliedRecord.fileName), record)
        }
        state.remove("pending.json")
    }
}
