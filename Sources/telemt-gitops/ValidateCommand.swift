import ArgumentParser
import Reconciler
import Spec

/// `telemt-gitops validate`: checks users.yaml (and the telemt template) without touching anything.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check users.yaml (or users/*.yaml) and the telemt.toml template; change nothing.",
        discussion: """
            Every problem is reported at once as file:line:col, like a compiler. Exit status: 0 when \
            the spec is valid (warnings allowed), 1 when it has errors. Needs no key and no server, so it \
            runs in CI on every pull request.
            """
    )

    @Argument(help: ArgumentHelp("A directory with users.yaml or users/*.yaml, or one YAML file.", valueName: "path"))
    var path: String = "."

    @OptionGroup(title: "Git source")
    var repo: RepoOptions

    func run() throws {
        let files = try repo.desiredFiles(localPath: path)
        let report = DesiredStateCheck(files: files).run()
        for diagnostic in report.diagnostics {
            Console.error(diagnostic)
        }
        guard let summary = report.summary else {
            Console.error(report.failureLine)
            throw ExitCode.failure
        }
        print(summary)
    }
}
