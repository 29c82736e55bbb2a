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
        try state.write(PendingWrite(revision: input.revision, configSHA256: rendered.sha256), "pending.json")
        do {
            _ = try AtomicFileWriter(newFileMode: 0o600).write(rendered.bytes, to: configuration.telemt.config)
            engine.files.remember(configuration.telemt.config, DiskConfig(bytes: rendered.bytes, sha256: rendered.sha256))
        } catch {
            throw EngineError(.telemtConfig, path: configuration.telemt.config, "\(error)", hint: "the previous config keeps serving; check the directory's permissions and free space")
        }
        report.outcome = .applied
        let changes = restartChanges(old: disk, new: rendered.bytes)
        report.restartNeeded = changes.restart
        if !changes.restart.isEmpty { report.notes.append(await restart(changes.restart)) }
        guard let telemt = engine.telemt else { return }
        let limits = Dictionary(uniqueKeysWithValues: desired.users.map { ($0.name, $0.maxUniqueIPs) })
        report.reload = await ReloadConfirmation(telemt: telemt, timeout: configuration.telemt.reloadTimeout)
            .wait(writtenSHA256: rendered.sha256, limits: limits, before: before, accessChanged: changes.access)
        if report.reload == .unconfirmed {
            report.notes.append("reload unconfirmed: telemt did not show the new config within \(configuration.telemt.reloadTimeout); telemt logs a refused config and keeps the old one")
        }
    }

    /// Sections telemt reads only at start that changed, and whether `[access]` changed at all.
    /// Only the tables outside `[access…]` are parsed: those hold every setting read at start, and
    /// the access tables of 100,000 users are most of the file.
    private func restartChanges(old: [UInt8]?, new: [UInt8]) -> (restart: [String], access: Bool) {
        guard let old else { return ([], true) }
        let before = ConfigSections(old), after = ConfigSections(new)
        guard let documentBefore = try? TemplateValidator.document(before.rest), let documentAfter = try? TemplateValidator.document(after.rest) else {
            return ([], true)
        }
        return (TemplateValidator.restartRequiredChanges(from: documentBefore, to: documentAfter), before.access != after.access)
    }

    /// Runs `telemt.restart_command` when set; the note says what happened.
    private func restart(_ keys: [String]) async -> String {
        let what = "telemt restart needed: \(keys.joined(separator: ", "))"
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
