import ArgumentParser
import Reconciler

/// Where the desired state comes from when it is read from git rather than a local path.
struct RepoOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Read the desired state from this git remote instead of a local path.", valueName: "url"))
    var repo: String?

    @Option(help: ArgumentHelp("With --repo: the branch, tag or commit to read.", valueName: "ref"))
    var branch: String = "main"

    @Option(name: .customLong("path"), help: ArgumentHelp("With --repo: the sub-directory that holds users.yaml (monorepos).", valueName: "dir"))
    var subPath: String = ""

    /// Reads the desired-state files from `--repo`, or else from the local `path`.
    func desiredFiles(localPath: String) throws -> DesiredFiles {
        try LocalDesiredReader().read(localPath)
    }
}
