import ArgumentParser
import Foundation
import Reconciler
import Spec
import TelemtRender

/// `telemt-gitops render`: validates the spec and writes telemt's config.toml.
struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Validate the spec, derive secrets and write telemt's config.toml atomically.",
        discussion: """
            The managed [access.*] user tables are generated; every other byte of the template is kept. \
            The template is --template, else telemt.toml of the repository, else the existing --out file \
            (the host's own config). Nothing is written when the spec or template has errors, and the \
            file is not touched when its bytes would not change, so telemt reloads only on real changes.
            Examples:
              telemt-gitops render --spec . --key /etc/telemt-gitops/master.key --out /etc/telemt/config.toml
              telemt-gitops render --spec . --template telemt.toml --out - | less
            """
    )

    @Option(help: ArgumentHelp("A directory with users.yaml or users/*.yaml, or one YAML file.", valueName: "path"))
    var spec: String = "."

    @OptionGroup(title: "Git source")
    var repo: RepoOptions

    @Option(help: ArgumentHelp("The telemt template (see above for the default).", valueName: "file"))
    var template: String?

    @OptionGroup(title: "Key")
    var key: KeyOptions

    @Option(name: [.short, .long], help: ArgumentHelp("The config.toml to write, or - for standard output.", valueName: "file"))
    var out: String

    @Option(help: ArgumentHelp("Judge expiries at this RFC 3339 time instead of now (for previews).", valueName: "time"))
    var now: String?

    func validate() throws {
        _ = try parsedNow()
    }

    func run() async throws {
        let moment = try parsedNow()
        let files = try await repo.desiredFiles(localPath: spec)
        let reader = LocalDesiredReader()
        var templateFile = try template.map { try reader.file($0) } ?? files.template
        if templateFile == nil, out != "-", FileManager.default.fileExists(atPath: out) {
            templateFile = try reader.file(out)
        }
        let masterKey = try MasterKey.load(from: key.keyPath)
        let rendered: RenderedConfig
        do throws(DesiredStateError) {
            guard let templateFile else { throw DesiredStateError.noTemplate(configPath: out) }
            rendered = try RenderPipeline(now: moment).run(files: files, template: templateFile, key: masterKey)
        } catch {
            Console.error(error.report(rerun: "telemt-gitops render", effect: "nothing was written"))
            throw ExitCode.failure
        }
        rendered.checked.warnings.forEach(Console.error)
        try write(rendered, now: moment)
    }

    private func write(_ rendered: RenderedConfig, now: Date) throws {
        let count = rendered.users.count
        let summary = "\(count) user\(count == 1 ? "" : "s"), \(CutOffReasons(rendered.checked.state, now: now).summary())"
        guard out != "-" else {
            Console.write(rendered.bytes)
            return
        }
        let restart = restartOnlyChanges(to: rendered.bytes)
        let outcome = try AtomicFileWriter(newFileMode: 0o600).write(rendered.bytes, to: out)
        print(outcome == .written ? "wrote \(out) (\(summary))" : "\(out) is up to date (\(summary))")
        if outcome == .written, !restart.isEmpty {
            Console.error("needs telemt restart: \(restart.joined(separator: ", ")) changed; telemt applies these only when it starts")
        }
    }

    /// Settings telemt reads only at start that differ between the config on disk and `bytes`.
    private func restartOnlyChanges(to bytes: [UInt8]) -> [String] {
        guard let old = FileManager.default.contents(atPath: out), !old.elementsEqual(bytes),
              let before = try? TemplateValidator.document(Array(old)),
              let after = try? TemplateValidator.document(bytes) else { return [] }
        return TemplateValidator.restartRequiredChanges(from: before, to: after)
    }

    private func parsedNow() throws -> Date {
        guard let now else { return Date() }
        do {
            return try SpecTimestamp.instant(now)
        } catch {
            throw ValidationError("--now: \(error)")
        }
    }
}
