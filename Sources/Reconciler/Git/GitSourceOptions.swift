public import Foundation

/// Builds a ``GitSourceConfiguration`` from command-line style values, so `fetch`, `validate` and
/// `render` accept the same `--repo/--branch/--tag/--commit/--path` options.
public struct GitSourceOptions: Sendable, Hashable {
    /// Remote URL or path.
    public var repository: String
    /// Branch to track (default `main` when neither tag nor commit is given).
    public var branch: String?
    /// Tag to track.
    public var tag: String?
    /// Commit to pin (40 hex digits).
    public var commit: String?
    /// Sub-path holding users.yaml.
    public var subPath: String
    /// State directory; the cache is `<state>/git/cache.git`.
    public var stateDirectory: URL
    /// SSH deploy key and known_hosts file.
    public var sshKey: URL?
    /// Required with `sshKey`.
    public var knownHosts: URL?
    /// HTTPS token file.
    public var tokenFile: URL?
    /// HTTPS `user:password` file.
    public var credentialsFile: URL?
    /// SSH allowed-signers file (enables verification).
    public var allowedSigners: URL?
    /// OpenPGP keyring (enables verification).
    public var gpgKeyring: URL?
    /// Network timeout in seconds.
    public var timeoutSeconds: Int
    /// Allows a token or password over plain `http://` (tests on loopback).
    public var allowInsecureTransport = false
    /// With verification, accepts a tracked ref that moved to a commit not descending from the last verified one.
    public var allowHistoryRewrite = false

    /// Creates options; only the repository and state directory are required.
    public init(repository: String, branch: String? = nil, tag: String? = nil, commit: String? = nil,
                subPath: String = "", stateDirectory: URL, sshKey: URL? = nil, knownHosts: URL? = nil,
                tokenFile: URL? = nil, credentialsFile: URL? = nil, allowedSigners: URL? = nil,
                gpgKeyring: URL? = nil, timeoutSeconds: Int = 120) {
        self.repository = repository
        self.branch = branch
        self.tag = tag
        self.commit = commit
        self.subPath = subPath
        self.stateDirectory = stateDirectory
        self.sshKey = sshKey
        self.knownHosts = knownHosts
        self.tokenFile = tokenFile
        self.credentialsFile = credentialsFile
        self.allowedSigners = allowedSigners
        self.gpgKeyring = gpgKeyring
        self.timeoutSeconds = timeoutSeconds
    }

    /// The configuration these options describe; conflicting or incomplete options are errors.
    public func configuration() throws(GitSourceError) -> GitSourceConfiguration {
        var configuration = GitSourceConfiguration(
            url: repository, ref: try ref(), subPath: subPath,
            cacheDirectory: stateDirectory.appendingPathComponent("git/cache.git"),
            authentication: try authentication(), timeout: .seconds(max(1, timeoutSeconds)))
        configuration.allowInsecureTransport = allowInsecureTransport
        configuration.allowHistoryRewrite = allowHistoryRewrite
        if let allowedSigners { configuration.verification = .ssh(allowedSigners: allowedSigners) }
        if let gpgKeyring { configuration.verification = .openPGP(keyring: gpgKeyring) }
        return configuration
    }

    private func ref() throws(GitSourceError) -> GitRef {
        let given = [branch, tag, commit].compactMap { $0 }
        guard given.count <= 1 else {
            throw .invalidConfiguration(field: "--branch/--tag/--commit", value: given.joined(separator: ", "),
                                        reason: "give at most one")
        }
        if let tag { return .tag(tag) }
        if let commit {
            guard let id = CommitID(hex: commit) else {
                throw .invalidConfiguration(field: "--commit", value: commit, reason: "expected 40 hex digits")
            }
            return .commit(id)
        }
        return .branch(branch ?? "main")
    }

    private func authentication() throws(GitSourceError) -> GitAuthentication {
        if let sshKey {
            guard let knownHosts else {
                throw .invalidConfiguration(field: "--known-hosts", value: "", reason: "required with --ssh-key")
            }
            return .ssh(privateKey: sshKey, knownHosts: knownHosts)
        }
        if let tokenFile { return .httpToken(file: tokenFile) }
        if let credentialsFile { return .httpUserPassword(file: credentialsFile) }
        return .none
    }
}
