import ArgumentParser
import Foundation
import Reconciler

/// `telemt-gitops fetch`: resolves the tracked ref of a repository and prints what was read.
struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch the desired-state repository and print the revision and files it read.",
        discussion: """
            Clones into <state-dir>/git on first use and fetches incrementally after. A force-push is \
            followed and reported as "history rewritten". Commits that only change status/ files are \
            skipped. Exit status 0 when a revision was read, 1 on any error (the cache stays usable).
            Examples:
              telemt-gitops fetch --repo git@github.com:acme/proxy-users.git --ssh-key deploy_key --known-hosts known_hosts
              telemt-gitops fetch --repo https://git.example.com/ops/proxy.git --token-file token --path proxies/eu1
            """)

    @OptionGroup(title: "Git source")
    var source: RepoOptions

    func validate() throws {
        if source.repo == nil { throw ValidationError("fetch needs --repo URL (file://, a path, git://, ssh://, user@host:path or http(s)://)") }
    }

    func run() async throws {
        guard let options = source.gitOptions else { return }
        let (fetch, revision) = try await source.fetchRevision(options)
        print(Self.report(fetch, revision))
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
