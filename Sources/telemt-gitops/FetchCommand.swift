import ArgumentParser
import Foundation
import Reconciler

/// `telemt-gitops fetch`: resolves the tracked ref of a repository and prints what was read.
struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch the desired-state repository and print the revision and files it read.")

    @Option(help: "Repository: file://, path, git://, ssh://, user@host:path, http(s)://.")
    var repo: String
    @Option(help: "Branch to track (default main).") var branch: String?
    @Option(help: "Tag to track instead of a branch.") var tag: String?
    @Option(help: "Commit to pin instead of a branch.") var commit: String?
    @Option(help: "Directory inside the repository holding users.yaml.") var path: String = ""
    @Option(help: "State directory; the git cache lives in <state-dir>/git.") var stateDir: String = "state"
    @Option(help: "SSH deploy key (private key file).") var sshKey: String?
    @Option(help: "known_hosts file (required with --ssh-key).") var knownHosts: String?
    @Option(help: "File whose first line is an HTTPS token.") var tokenFile: String?
    @Option(help: "File whose first line is user:password for HTTPS.") var credentialsFile: String?
    @Option(help: "Verify SSH commit signatures against this allowed-signers file.") var allowedSigners: String?
    @Option(help: "Verify OpenPGP commit signatures against this keyring.") var gpgKeyring: String?
    @Option(help: "Network timeout in seconds.") var timeout: Int = 120

    func run() async throws {
        let url: (String?) -> URL? = { $0.map { URL(fileURLWithPath: $0) } }
        let options = GitSourceOptions(
            repository: repo, branch: branch, tag: tag, commit: commit, subPath: path,
            stateDirectory: URL(fileURLWithPath: stateDir), sshKey: url(sshKey), knownHosts: url(knownHosts),
            tokenFile: url(tokenFile), credentialsFile: url(credentialsFile), allowedSigners: url(allowedSigners),
            gpgKeyring: url(gpgKeyring), timeoutSeconds: timeout)
        do {
            let source = try GitSource(try options.configuration())
            let (fetch, revision) = try await source.fetchAndRead()
            print(Self.report(fetch, revision))
        } catch let error as GitSourceError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }

    static func report(_ fetch: FetchResult, _ revision: DesiredRevision) -> String {
        var lines = [
            "resolved \(fetch.resolvedRef) → \(fetch.tip.hex) (\(fetch.change))",
            "desired  \(revision.commit.hex)"
                + (fetch.statusCommitsSkipped > 0 ? " (\(fetch.statusCommitsSkipped) status commits above)" : ""),
            "author   \(revision.author)",
            "date     \(ISO8601DateFormatter().string(from: revision.date))",
            "subject  \(revision.subject)",
        ]
        if let signer = fetch.signer { lines.append("signed   \(signer)") }
        lines += revision.files.map { "file     \(revision.subPath.isEmpty ? "" : revision.subPath + "/")\($0.path) (\($0.bytes.count) bytes)" }
        return lines.joined(separator: "\n")
    }
}
