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
        let explicit = try template.map { try LocalDesiredReader().file($0) }
        let templateFile = out == "-" ? explicit ?? files.template : TelemtConfigFile(path: out).template(explicit: explicit, repository: files.template)
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
        let file = TelemtConfigFile(path: out)
        let change = TelemtConfigFile.change(from: file.read(), to: rendered.bytes)
        let outcome = try file.write(rendered.bytes)
        print(outcome == .written ? "wrote \(out) (\(summary))" : "\(out) is up to date (\(summary))")
        if outcome == .written, let note = change.note { Console.error(note) }
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
