import CGit2
import Foundation

/// The desired-state repository through libgit2: fetches into a bare cache under the state directory,
/// reads files straight from the object database, verifies signatures, and writes status back.
///
/// An actor: libgit2 objects are not thread-safe, so the repository handle lives here and every libgit2
/// call runs on this actor. Network calls block the actor's thread for at most the configured timeout;
/// that thread is the actor's own (``BlockingExecutor``), never one of Swift's cooperative pool.
public actor GitSource: DesiredStateSource {
    /// The configuration this source was created with.
    public nonisolated let configuration: GitSourceConfiguration
    private nonisolated let executor = BlockingExecutor(label: "telemt-gitops.git")
    /// Every job of this actor runs on its own dispatch queue.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// The executor this actor's code runs on right now (`telemt-gitops.git`), for tests.
    func runningExecutor() -> String? {
        BlockingExecutor.current
    }

    /// ``fetch()`` and how long it took on this actor's queue, for tests of its deadlines.
    func timedFetch() -> (Result<FetchResult, GitSourceError>, Duration) {
        let started = ContinuousClock.now
        let result = Result { () throws(GitSourceError) in try fetch() }
        return (result, ContinuousClock.now - started)
    }
    let remoteURL: RemoteURL
    let subPath: String
    private var cachedRepository: GitRepository?
    private var cachedSession: (repository: GitRepository, session: GitRemoteSession)?
    var verifiedSigners: [CommitID: String] = [:]

    /// Validates the configuration (URL, sub-path, ref names); nothing is opened until the first call.
    public init(_ configuration: GitSourceConfiguration) throws(GitSourceError) {
        LibGit2.ensureInitialized()
        self.configuration = configuration
        remoteURL = try RemoteURL(configuration.url)
        subPath = try RepoPath.normalizeSubPath(configuration.subPath)
        switch configuration.ref {
        case .branch(let name): try Self.validateRef("refs/heads/\(name)", field: "branch", value: name)
        case .tag(let name): try Self.validateRef("refs/tags/\(name)", field: "tag", value: name)
        case .commit: break
        }
        if let branch = configuration.statusBranch {
            try Self.validateRef("refs/heads/\(branch)", field: "status branch", value: branch)
        }
        switch configuration.authentication {
        case .ssh where remoteURL.transport != .ssh:
            throw .invalidConfiguration(field: "authentication", value: remoteURL.redacted,
                                        reason: "an SSH deploy key is configured for a non-ssh remote")
        case .httpToken, .httpUserPassword:
            guard remoteURL.transport == .http || remoteURL.transport == .https else {
                throw .invalidConfiguration(field: "authentication", value: remoteURL.redacted,
                                            reason: "an HTTPS token or credentials file is configured for a remote that is not http(s)")
            }
        default: break
        }
        try Self.checkTransport(remoteURL, configuration: configuration)
    }

    private static func validateRef(_ full: String, field: String, value: String) throws(GitSourceError) {
        var valid: Int32 = 0
        guard !value.isEmpty, !value.hasPrefix("-"), git_reference_name_is_valid(&valid, full) == 0, valid == 1 else {
            throw .invalidConfiguration(field: field, value: value, reason: "not a valid git ref name")
        }
    }

    func repository() throws(GitSourceError) -> GitRepository {
        if let cachedRepository { return cachedRepository }
        let repository = try GitRepository(cacheDirectory: configuration.cacheDirectory)
        cachedRepository = repository
        return repository
    }

    /// The remote session for one operation: made once per repository handle, then reused with a
    /// fresh context and deadline (see ``GitRemoteSession``).
    func session(_ repository: GitRepository) throws(GitSourceError) -> GitRemoteSession {
        let context = RemoteCallbackContext(
            remote: remoteURL, authentication: configuration.authentication,
            maxAuthAttempts: max(1, configuration.maxAuthAttempts), maxFetchBytes: configuration.limits.maxFetchBytes)
        if let cachedSession, cachedSession.repository === repository {
            cachedSession.session.begin(context)
            return cachedSession.session
        }
        let session = try GitRemoteSession(repository: repository, context: context, timeout: configuration.timeout,
                                           idleTimeout: configuration.idleTimeout)
        if repository === cachedRepository { cachedSession = (repository, session) }
        return session
    }

    /// The desired commit of the last successful fetch into this cache (what should keep serving when
    /// a later fetch fails), or nil before the first.
    public func lastDesiredCommit() throws(GitSourceError) -> CommitID? {
        try repository().reference(GitRepository.Ref.desired)
    }

    /// Reads the desired state at `commit` from the cache. With verification configured, the commit's
    /// signature is checked first; nothing of an unverified commit is parsed.
    public func read(_ commit: CommitID) throws(GitSourceError) -> DesiredRevision {
        let repository = try repository()
        if configuration.verification != nil {
            _ = try verify(commit, in: repository)
        }
        return try repository.readRevision(commit, subPath: subPath, limits: configuration.limits)
    }

    /// Checks the signature of `commit` against the configured keys; returns the signer.
    func verify(_ commit: CommitID, in repository: GitRepository) throws(GitSourceError) -> String? {
        guard let mode = configuration.verification else { return nil }
        if let signer = verifiedSigners[commit] { return signer }
        let lastVerified = repository.reference(GitRepository.Ref.verified)
        guard let signed = try repository.signature(of: commit) else {
            throw .signatureMissing(commit: commit, lastVerified: lastVerified)
        }
        let signer = try SignatureVerifier(mode: mode).verify(
            signature: signed.signature, signedData: signed.signedData, commit: commit, lastVerified: lastVerified)
        verifiedSigners[commit] = signer
        if lastVerified.map({ repository.isDescendant(commit, of: $0) }) ?? true {
            try repository.setReference(GitRepository.Ref.verified, to: commit)
        }
        return signer
    }
}
