import ArgumentParser
import Foundation
import Reconciler

/// Where the desired state comes from when it is read from git rather than a local path,
/// and how to authenticate and verify it. Shared by `fetch`, `validate`, `render` and `links`.
struct RepoOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Read the desired state from this git remote: file://, a path, git://, ssh://, user@host:path, http(s)://.", valueName: "url"))
    var repo: String?

    @Option(help: ArgumentHelp("With --repo: the branch to track (default main).", valueName: "branch"))
    var branch: String?

    @Option(help: ArgumentHelp("With --repo: track this tag instead of a branch.", valueName: "tag"))
    var tag: String?

    @Option(help: ArgumentHelp("With --repo: pin this commit instead of a branch.", valueName: "sha"))
    var commit: String?

    @Option(name: .customLong("path"), help: ArgumentHelp("With --repo: the directory inside the repository that holds users.yaml (monorepos).", valueName: "dir"))
    var subPath: String = ""

    @Option(help: ArgumentHelp(
        "State directory; the git cache lives in <dir>/git.",
        discussion: "Defaults to $TELEMT_GITOPS_STATE_DIR, else /var/lib/telemt-gitops as root, else $XDG_STATE_HOME/telemt-gitops or ~/.local/state/telemt-gitops.",
        valueName: "dir"))
    var stateDir: String = StateDirectory.defaultPath()

    @Option(help: ArgumentHelp("SSH deploy key (a private key file).", valueName: "file"))
    var sshKey: String?

    @Option(help: ArgumentHelp("known_hosts file; required for ssh remotes (unknown or changed host keys are refused).", valueName: "file"))
    var knownHosts: String?

    @Option(help: ArgumentHelp("File whose first line is an HTTPS token (re-read on every fetch).", valueName: "file"))
    var tokenFile: String?

    @Option(help: ArgumentHelp("File whose first line is user:password for HTTPS (re-read on every fetch).", valueName: "file"))
    var credentialsFile: String?

    @Option(help: ArgumentHelp("Accept only commits signed by a key in this SSH allowed-signers file.", valueName: "file"))
    var allowedSigners: String?

    @Option(help: ArgumentHelp("Accept only commits signed by a key in this OpenPGP keyring (gpgv).", valueName: "file"))
    var gpgKeyring: String?

    @Option(help: ArgumentHelp("Network timeout in seconds.", valueName: "seconds"))
    var timeout: Int = 120

    @Flag(help: "Send the token or password over plain http:// (tests on loopback only: anyone on the path reads it).")
    var allowInsecureTransport = false

    @Flag(help: "With signature verification: accept a branch or tag moved to a commit that does not descend from the last verified one.")
    var allowHistoryRewrite = false

    /// Refuses flag combinations that would otherwise be silently resolved one way (exit 64).
    func validate() throws {
        let exclusive: [(String, [(String, Bool)])] = [
            ("a ref", [("--branch", branch != nil), ("--tag", tag != nil), ("--commit", commit != nil)]),
            ("a signature policy", [("--allowed-signers", allowedSigners != nil), ("--gpg-keyring", gpgKeyring != nil)]),
            ("a credential", [("--ssh-key", sshKey != nil), ("--token-file", tokenFile != nil),
                              ("--credentials-file", credentialsFile != nil)]),
        ]
        for (what, flags) in exclusive where flags.filter(\.1).count > 1 {
            throw ValidationError("give only one of \(flags.map(\.0).joined(separator: ", ")) (\(what))")
        }
        if sshKey != nil, knownHosts == nil {
            throw ValidationError("--ssh-key needs --known-hosts: host keys are always checked")
        }
        let gitOnly = [branch, tag, commit, sshKey, knownHosts, tokenFile, credentialsFile, allowedSigners, gpgKeyring]
        if repo == nil, gitOnly.contains(where: { $0 != nil }) || !subPath.isEmpty || allowInsecureTransport
            || allowHistoryRewrite {
            throw ValidationError("the git options need --repo URL")
        }
    }

    /// The git source options these flags describe; `nil` without `--repo`.
    var gitOptions: GitSourceOptions? {
        guard let repo else { return nil }
        let url: (String?) -> URL? = { $0.map { URL(fileURLWithPath: $0) } }
        var options = GitSourceOptions(
            repository: repo, branch: branch, tag: tag, commit: commit, subPath: subPath,
            stateDirectory: URL(fileURLWithPath: stateDir), sshKey: url(sshKey), knownHosts: url(knownHosts),
            tokenFile: url(tokenFile), credentialsFile: url(credentialsFile), allowedSigners: url(allowedSigners),
            gpgKeyring: url(gpgKeyring), timeoutSeconds: timeout)
        options.allowInsecureTransport = allowInsecureTransport
        options.allowHistoryRewrite = allowHistoryRewrite
        return options
    }

    /// Fetches and reads the tracked revision of `--repo`.
    func fetchRevision(_ options: GitSourceOptions) async throws -> (FetchResult, DesiredRevision) {
        let existed = FileManager.default.fileExists(atPath: stateDir)
        do {
            let source = try GitSource(try options.configuration())
            source.transportWarnings.forEach(Console.error)
            defer {
                if !existed, FileManager.default.fileExists(atPath: stateDir) {
                    Console.error("created state directory \(stateDir) (the git cache is in \(stateDir)/git; --state-dir chooses another)")
                }
            }
            return try await source.fetchAndRead()
        } catch let error as GitSourceError {
            Console.error("error: \(error)")
            throw ExitCode.failure
        }
    }

    /// The desired-state files of `--repo` (reporting the commit read on standard error),
    /// or else of the local `path`.
    func desiredFiles(localPath: String) async throws -> DesiredFiles {
        guard let options = gitOptions else {
            do {
                return try LocalDesiredReader().read(localPath)
            } catch {
                Console.error("error: \(error)")
                throw ExitCode.failure
            }
        }
        let (fetch, revision) = try await fetchRevision(options)
        Console.error("read \(revision.commit.hex.prefix(12)) (\(fetch.resolvedRef), \(fetch.change)): \(revision.subject)")
        return DesiredFiles(revision: revision)
    }
}
