import ArgumentParser
import Foundation
import Reconciler
import Spec

/// `telemt-gitops validate`: checks users.yaml (and the telemt template) without touching anything.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check users.yaml (or users/*.yaml) and the telemt.toml template; change nothing.",
        discussion: """
            Every problem is reported at once as file:line:col, like a compiler. Exit status: 0 when \
            the spec is valid (warnings allowed), 1 when it has errors. Needs no key and no server, so it \
            runs in CI on every pull request.
            Examples:
              telemt-gitops validate                 # users.yaml or users/ in this directory
              telemt-gitops validate users.yaml
              telemt-gitops validate --template /etc/telemt/config.toml
            """
    )

    @Argument(help: ArgumentHelp("A directory with users.yaml or users/*.yaml, or one YAML file (default: this directory).", valueName: "path"))
    var path: String?

    @Option(help: ArgumentHelp("Also check this telemt template (default: telemt.toml of the repository, if any).", valueName: "file"))
    var template: String?

    @OptionGroup(title: "Git source")
    var repo: RepoOptions

    func validate() throws {
        if let path, let url = repo.repo {
            throw ValidationError("give a local path (\(path)) or --repo \(url), not both; with --repo, --path chooses the directory inside the repository")
        }
    }

    func run() async throws {
        let files = try await repo.desiredFiles(localPath: path ?? ".")
        let templateFile = try template.map { try LocalDesiredReader().file($0) }
        do {
            let checked = try DesiredStateCheck(files: files, template: templateFile).run()
            checked.warnings.forEach(Console.error)
            CutOffReasons(checked.state, now: Date()).expiryWarnings.forEach(Console.error)
            print("valid: \(checked.summary) (\(files.users.map(\.path).joined(separator: ", ")))")
        } catch {
            Console.error(error.report(rerun: "telemt-gitops validate"))
            throw ExitCode.failure
        }
    }
}
