import Reconciler
import Spec

/// Git source errors while reading a revision, verifying it and pushing status (``GitSourceError``,
/// ``StatusFileError``).
extension ErrorCatalog {
    static let head = CommitID(hex: "d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d")!
    static let verified = CommitID(hex: "a1b2c3d4e5f60718293a4b5c6d7e8f9001122334")!

    static var gitReadEntries: [ErrorEntry] {
        [
            ErrorEntry(GitSourceError.noUsersFile(commit: head, subPath: "proxy"), "No users.yaml at the commit",
                       meaning: "The commit has neither users.yaml (or users.yml) nor users/*.yaml under the configured sub-path.",
                       fix: "Commit users.yaml, or set `repo.path` (`--path`) to the folder that holds it in a monorepo."),
            ErrorEntry(GitSourceError.fileTooLarge(commit: head, path: "users.yaml", bytes: 70_000_000, limitBytes: 67_108_864),
                       "A committed file is too large",
                       meaning: "A desired-state file is over the size limit, which bounds what a bad commit can make the host read.",
                       fix: "Split the users into users/*.yaml files (merged in name order)."),
            ErrorEntry(GitSourceError.tooManyFiles(commit: head, path: "users", limit: 10_000), "Too many files in a folder",
                       meaning: "users/ or status/ holds more files than the limit.",
                       fix: "Merge users into fewer files; remove status files of nodes that no longer exist."),
            ErrorEntry(GitSourceError.unsafePath(path: "../users", reason: "contains '..'"), "An unsafe path",
                       meaning: "A sub-path from the settings, or a path in the tree, is absolute, empty or climbs out with `..`.",
                       fix: "Give `repo.path` as a relative folder inside the repository, such as `proxy` or `hosts/eu-1`."),
            ErrorEntry(GitSourceError.unexpectedEntry(commit: head, path: "users.yaml", found: "symbolic link", expected: "file"),
                       "A file is something else",
                       meaning: "users.yaml, telemt.toml or a status file is committed as a symbolic link, a submodule or a folder.",
                       fix: "Commit the plain file itself (`git rm --cached PATH`, copy the content in, commit)."),
        ]
    }

    static var gitTrustEntries: [ErrorEntry] {
        [
            ErrorEntry(GitSourceError.signatureMissing(commit: head, lastVerified: verified), "The commit is not signed",
                       meaning: "Signature verification is on (`--allowed-signers` or `--gpg-keyring`) and the tracked commit has no signature; the last verified revision keeps serving.",
                       fix: "Sign the commit (`git commit -S`, or `git commit --amend -S` and push) with a key listed in the allowed signers or keyring."),
            ErrorEntry(GitSourceError.signatureRejected(commit: head, reason: "no principal matched", lastVerified: verified),
                       "The signature does not verify",
                       meaning: "The commit is signed, but not by a configured key, or the signature is broken.",
                       fix: "Add the signer's public key to the allowed signers file (or the keyring) if they are trusted, or re-sign the commit with a listed key."),
            ErrorEntry(GitSourceError.historyRewriteRefused(commit: head, lastVerified: verified), "History was rewritten",
                       meaning: "With verification on, the branch moved to a commit that does not descend from the last verified one: a force-push, possibly back to an older signed revision.",
                       fix: "If the rewrite is intended, run one tick with `--allow-history-rewrite` (for example `telemt-gitops reconcile --once --allow-history-rewrite`)."),
            ErrorEntry(GitSourceError.insecureTransport(remote: "http://git.example.com/ops/proxy-users.git", credential: "token"),
                       "A credential would go over plain http",
                       meaning: "A token or password is configured for an http:// remote, where anyone on the path could read it.",
                       fix: "Use the https:// or ssh:// URL of the repository."),
            ErrorEntry(GitSourceError.credentialsForOtherHost(remote: httpsRemote, requested: "https://mirror.example.org"),
                       "Credentials were asked for by another host",
                       meaning: "After a redirect, another scheme, host or port asked for the credentials of the configured remote; they are not sent.",
                       fix: "Configure the URL the repository really lives at (the redirect's target), if you trust it."),
            ErrorEntry(GitSourceError.pushRejected(remote: remote, branch: "main", attempts: 5, detail: "protected branch hook declined"),
                       "The status push was rejected",
                       meaning: "Writing status/<node>.yaml back was refused every time: the deploy key or token is read-only, or branch protection forbids the bot's pushes. The config was applied anyway.",
                       fix: "Give the key or token write access and allow the bot to push to the branch (or turn status write-back off)."),
            ErrorEntry(GitSourceError.invalidNodeName("eu 1/main"), "The node name cannot name a status file",
                       meaning: "The node name becomes status/<node>.yaml, so it is limited to letters, digits, `_`, `.` and `-`.",
                       fix: "Set `node` (`--node`, TELEMT_GITOPS_NODE) to a name such as `eu-1`."),
            ErrorEntry(StatusFileError(at: SourceLocation(file: "status/eu-1.yaml", line: 4, column: 3), "`applied_at`: `yesterday` is not a time like 2026-12-02T10:00:00Z"),
                       "A committed status file cannot be read",
                       meaning: "`plan` reads the committed status/<node>.yaml as what the node last applied; this one was edited by hand or damaged. `plan` then treats the node as having applied nothing.",
                       fix: "Restore it with `git checkout <good commit> -- status/eu-1.yaml`, or let the next reconcile on the host rewrite it."),
        ]
    }
}
