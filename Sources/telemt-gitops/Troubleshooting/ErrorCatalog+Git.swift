import Reconciler

/// Git source errors while connecting and fetching (``GitSourceError``).
extension ErrorCatalog {
    static let gitIntro = "`fetch`, `validate --repo`, `plan`, `reconcile` and `run` read the desired-state repository "
        + "through libgit2, and `reconcile` and `run` push `status/<node>.yaml` back. A failed fetch changes nothing on "
        + "the host: the last fetched revision keeps serving, and the next tick retries. No message carries a credential."

    static let remote = "ssh://git@git.example.com/ops/proxy-users.git"
    static let httpsRemote = "https://git.example.com/ops/proxy-users.git"

    static var gitEntries: [ErrorEntry] { gitConnectionEntries + gitHostKeyEntries + gitContentEntries + gitReadEntries + gitTrustEntries }

    private static var gitConnectionEntries: [ErrorEntry] {
        [
            ErrorEntry(GitSourceError.invalidConfiguration(field: "repo.branch", value: "main..dev", reason: "not a valid reference name"),
                       "A git setting is unusable",
                       meaning: "A repository setting (URL, branch, tag, commit, sub-path, credential or key file) cannot be used as given.",
                       fix: "Correct the setting named in the message in config.yaml, the environment or the flag, then run `telemt-gitops fetch --repo URL --branch B` to check it."),
            ErrorEntry(GitSourceError.cacheUnusable(path: "/var/lib/telemt-gitops/git", operation: "open", detail: "permission denied"),
                       "The local git cache cannot be used",
                       meaning: "The bare repository kept under the state directory could not be opened or created: wrong owner, no space, or a damaged cache.",
                       fix: "Check `ls -ld` of the path and `df -h`; run as the user that owns the state directory. A damaged cache may be deleted: the next fetch creates it again."),
            ErrorEntry(GitSourceError.remoteFailed(remote: remote, operation: "fetch", detail: "failed to resolve address for git.example.com"),
                       "The remote could not be reached",
                       meaning: "libgit2 could not connect to or talk with the remote: a typo in the URL, DNS, a firewall, or the server is down.",
                       fix: "Check the URL and reach it from the host (`git ls-remote URL`). The host keeps serving the last fetched revision meanwhile."),
            ErrorEntry(GitSourceError.timedOut(remote: remote, operation: "fetch", seconds: 30),
                       "The remote stopped answering",
                       meaning: "The remote accepted the connection and then sent nothing within the network deadline (an overloaded server, a middlebox that drops traffic).",
                       fix: "Nothing to do if it happens once: the next attempt retries with the cache kept. If it persists, check the network path to the remote."),
            ErrorEntry(GitSourceError.authenticationRejected(remote: httpsRemote, attempts: 1, credential: "token"),
                       "The remote refused the credentials",
                       meaning: "The deploy key, token or password was offered and refused: expired, revoked, or without access to this repository.",
                       fix: "Issue a new deploy key or token with read access (and write access for status write-back) and put it in the credential file; it is read again on every fetch."),
            ErrorEntry(GitSourceError.credentialFileUnreadable(path: "/etc/telemt-gitops/git-token", detail: "no such file or directory"),
                       "The credential file cannot be read",
                       meaning: "The token, password or SSH key file named in the settings is missing or not readable by the daemon's user.",
                       fix: "Create it with the credential and `chmod 600` it, owned by the user that runs telemt-gitops."),
            ErrorEntry(GitSourceError.knownHostsUnreadable(path: "/etc/telemt-gitops/known_hosts", detail: "no such file or directory"),
                       "The known_hosts file is missing",
                       meaning: "ssh remotes need a known_hosts file: without one the server's identity cannot be checked, so nothing is fetched.",
                       fix: "Run `ssh-keyscan git.example.com > /etc/telemt-gitops/known_hosts`, compare the fingerprint (`ssh-keygen -lf FILE`) with the one your git host publishes, and set `repo.known_hosts`."),
            ErrorEntry(GitSourceError.tlsCertificateInvalid(host: "git.example.com"),
                       "The https certificate did not verify",
                       meaning: "The server's certificate does not match the host name, has expired, or is signed by a CA the system does not trust (or something intercepts the connection).",
                       fix: "Check the host name in the URL and the system's CA certificates (`update-ca-certificates`); never work around it by switching to http://."),
            ErrorEntry(GitSourceError.libgit2(operation: "git_remote_fetch", code: -1, message: "unexpected EOF"),
                       "An unexpected libgit2 failure",
                       meaning: "libgit2 failed in a way the source does not classify; the operation and libgit2's own message say where.",
                       fix: "Retry (`telemt-gitops fetch --repo URL`); if it persists, check the remote and the cache under the state directory, and report it with the message."),
        ]
    }

    private static var gitHostKeyEntries: [ErrorEntry] {
        [
            ErrorEntry(GitSourceError.hostKeyUnknown(host: "git.example.com", keyType: "ssh-ed25519",
                                                     fingerprint: "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s", knownHosts: "/etc/telemt-gitops/known_hosts"),
                       "The SSH host key is not in known_hosts",
                       meaning: "The server presented a key that known_hosts does not list: a first connection to a new host, or the wrong known_hosts file.",
                       fix: "Compare the fingerprint with the one your git host publishes; if it matches, `ssh-keyscan -t ed25519 git.example.com >> /etc/telemt-gitops/known_hosts`."),
            ErrorEntry(GitSourceError.hostKeyChanged(host: "git.example.com", keyType: "ssh-ed25519",
                                                     fingerprint: "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s", knownHosts: "/etc/telemt-gitops/known_hosts"),
                       "The SSH host key changed",
                       meaning: "The server's key differs from the listed one (or is marked revoked): the server was reinstalled, or someone is in the middle.",
                       fix: "Confirm the change with the git host's administrators before anything else; then replace the host's line (`ssh-keygen -R git.example.com -f FILE`, then `ssh-keyscan`)."),
        ]
    }

    private static var gitContentEntries: [ErrorEntry] {
        [
            ErrorEntry(GitSourceError.emptyRemote(remote: remote), "The repository is empty",
                       meaning: "The remote has no branches or tags at all: it was just created, or the URL points at the wrong repository.",
                       fix: "Push a first commit with users.yaml (start from examples/users.yaml), or fix the URL."),
            ErrorEntry(GitSourceError.refNotFound(remote: remote, ref: "refs/heads/mian", available: ["refs/heads/main", "refs/tags/v1"]),
                       "The branch or tag does not exist",
                       meaning: "The tracked branch or tag is not on the remote: a typo, or it was deleted or renamed.",
                       fix: "Pick one of the refs the message lists and set `repo.branch` (or `--branch`) or `repo.tag` to it."),
            ErrorEntry(GitSourceError.commitNotFound(commit: "4e5f6a7", detail: "not in the cache and not advertised by the remote"),
                       "The pinned commit is not found",
                       meaning: "A pinned `repo.commit` is neither in the local cache nor reachable on the remote (history rewritten, or a typo).",
                       fix: "Check the id with `git log` in a clone and set the full commit id, or track a branch instead."),
            ErrorEntry(GitSourceError.fetchTooLarge(remote: remote, limitBytes: 268_435_456), "The fetch is too large",
                       meaning: "The remote sent more than the fetch size limit: large files were committed to the desired-state repository.",
                       fix: "Remove large files from the repository (it needs only users.yaml, telemt.toml and status/), or raise the limit."),
        ]
    }
}
