public import Foundation

/// What to track on the remote.
public enum GitRef: Sendable, Hashable, CustomStringConvertible {
    /// A branch name (`main`), followed as it moves, force-pushes included.
    case branch(String)
    /// A tag name (`v1`); an annotated tag is peeled to its commit.
    case tag(String)
    /// A pinned commit; fetched from the remote's branches and tags when not cached.
    case commit(CommitID)

    /// `branch main`, `tag v1`, `commit a1b2c3d`.
    public var description: String {
        switch self {
        case .branch(let name): "branch \(name)"
        case .tag(let name): "tag \(name)"
        case .commit(let id): "commit \(id.short)"
        }
    }
}

/// How to authenticate to the remote. Secrets are read from files on every connection.
public enum GitAuthentication: Sendable, Hashable {
    /// No credentials (file, path, git:// and public http(s) remotes).
    case none
    /// SSH with a deploy key; `knownHosts` is required and unknown or changed host keys are refused.
    case ssh(privateKey: URL, knownHosts: URL, passphraseFile: URL? = nil)
    /// HTTP(S) with a token: the file's first line is used as the password for `username`.
    case httpToken(file: URL, username: String = "x-access-token")
    /// HTTP(S) with `user:password` on the first line of a file.
    case httpUserPassword(file: URL)
}

/// Commit signature verification (opt-in).
public enum SignatureVerification: Sendable, Hashable {
    /// SSH signatures checked with `ssh-keygen -Y verify` against an allowed-signers file.
    case ssh(allowedSigners: URL)
    /// OpenPGP signatures checked with `gpgv` against a keyring file (`gpg --export > keyring.gpg`).
    case openPGP(keyring: URL)
}

/// Size bounds for everything read from git (inputs from git are untrusted).
public struct GitReadLimits: Sendable, Hashable {
    /// Largest single file read (bytes).
    public var maxFileBytes: Int
    /// Largest sum of all files read from one revision (bytes).
    public var maxTotalBytes: Int
    /// Most files read from one directory (`users/`, `status/`).
    public var maxFiles: Int
    /// Most bytes received by one fetch.
    public var maxFetchBytes: Int

    /// Creates limits; the defaults suit 100,000 users.
    public init(
        maxFileBytes: Int = 64 << 20, maxTotalBytes: Int = 256 << 20,
        maxFiles: Int = 4096, maxFetchBytes: Int = 1 << 30
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxFiles = maxFiles
        self.maxFetchBytes = maxFetchBytes
    }
}

/// Everything a ``GitSource`` needs: the remote, what to track, where to cache, how to authenticate.
public struct GitSourceConfiguration: Sendable, Hashable {
    /// Remote URL: `file://`, a local path, `git://`, `ssh://`, scp-style `user@host:path`, `http(s)://`.
    public var url: String
    /// The branch, tag or commit to track.
    public var ref: GitRef
    /// Directory inside the repository holding `users.yaml` (monorepos); `""` for the root.
    public var subPath: String
    /// Directory of the bare cache (created on first fetch), e.g. `<state>/git`.
    public var cacheDirectory: URL
    /// Credentials.
    public var authentication: GitAuthentication
    /// Signature verification, off when nil.
    public var verification: SignatureVerification?
    /// Limit for one whole network operation (connect, negotiate, transfer).
    public var timeout: Duration
    /// Limit for a single network read or write to make progress.
    public var idleTimeout: Duration
    /// Size bounds.
    public var limits: GitReadLimits
    /// Branch status files are committed to; nil means the tracked branch.
    public var statusBranch: String?
    /// Author and committer of status commits.
    public var botName: String
    /// Email of status commits.
    public var botEmail: String
    /// Most push attempts for one status write (each after a rebase onto the moved branch).
    public var maxPushAttempts: Int
    /// Most times a credential is offered before the remote's refusal is final.
    public var maxAuthAttempts: Int
    /// Sends a token or password over plain `http://` (tests on loopback only; anyone on the path reads it).
    public var allowInsecureTransport = false
    /// With verification on, accepts a move of the tracked ref to a commit that does not descend from the
    /// last verified one (a force-push back to an older signed commit is otherwise refused).
    public var allowHistoryRewrite = false

    /// Creates a configuration with defaults for everything but the remote, ref and cache.
    public init(
        url: String, ref: GitRef = .branch("main"), subPath: String = "", cacheDirectory: URL,
        authentication: GitAuthentication = .none, verification: SignatureVerification? = nil,
        timeout: Duration = .seconds(120), idleTimeout: Duration = .seconds(30),
        limits: GitReadLimits = GitReadLimits(), statusBranch: String? = nil,
        botName: String = "telemt-gitops", botEmail: String = "telemt-gitops@localhost",
        maxPushAttempts: Int = 8, maxAuthAttempts: Int = 2
    ) {
        self.url = url
        self.ref = ref
        self.subPath = subPath
        self.cacheDirectory = cacheDirectory
        self.authentication = authentication
        self.verification = verification
        self.timeout = timeout
        self.idleTimeout = idleTimeout
        self.limits = limits
        self.statusBranch = statusBranch
        self.botName = botName
        self.botEmail = botEmail
        self.maxPushAttempts = maxPushAttempts
        self.maxAuthAttempts = maxAuthAttempts
    }

    /// The branch status commits go to, when one can be determined.
    var effectiveStatusBranch: String? {
        if let statusBranch { return statusBranch }
        if case .branch(let name) = ref { return name }
        return nil
    }
}
