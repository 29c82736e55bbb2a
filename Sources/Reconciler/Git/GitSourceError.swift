/// Everything that can go wrong in the git source. Each message names what failed and says what to do;
/// none carries a credential (remote URLs are shown without user info).
public enum GitSourceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A configuration value is unusable.
    case invalidConfiguration(field: String, value: String, reason: String)
    /// The bare cache could not be opened or created.
    case cacheUnusable(path: String, operation: String, detail: String)
    /// The remote could not be reached or failed during an operation.
    case remoteFailed(remote: String, operation: String, detail: String)
    /// The remote stopped answering.
    case timedOut(remote: String, operation: String, seconds: Double)
    /// The remote refused the credentials after the allowed number of attempts.
    case authenticationRejected(remote: String, attempts: Int, credential: String)
    /// A credential file could not be read.
    case credentialFileUnreadable(path: String, detail: String)
    /// The known_hosts file is missing or unreadable.
    case knownHostsUnreadable(path: String, detail: String)
    /// The SSH host key is not listed in known_hosts.
    case hostKeyUnknown(host: String, keyType: String, fingerprint: String, knownHosts: String)
    /// The SSH host key differs from the one listed (or is revoked).
    case hostKeyChanged(host: String, keyType: String, fingerprint: String, knownHosts: String)
    /// The TLS certificate of an https remote did not validate.
    case tlsCertificateInvalid(host: String)
    /// The remote has no refs at all.
    case emptyRemote(remote: String)
    /// The tracked branch or tag does not exist on the remote.
    case refNotFound(remote: String, ref: String, available: [String])
    /// A pinned or requested commit is not in the cache or on the remote.
    case commitNotFound(commit: String, detail: String)
    /// A fetch received more than the configured limit.
    case fetchTooLarge(remote: String, limitBytes: Int)
    /// Neither users.yaml nor users/*.yaml exists at the commit.
    case noUsersFile(commit: CommitID, subPath: String)
    /// A committed file is larger than the limit.
    case fileTooLarge(commit: CommitID, path: String, bytes: Int, limitBytes: Int)
    /// A directory holds more files than the limit.
    case tooManyFiles(commit: CommitID, path: String, limit: Int)
    /// A path from git or configuration is absolute, empty or contains `..`.
    case unsafePath(path: String, reason: String)
    /// A path expected to be a regular file (or directory) is something else.
    case unexpectedEntry(commit: CommitID, path: String, found: String, expected: String)
    /// The desired commit is not signed.
    case signatureMissing(commit: CommitID, lastVerified: CommitID?)
    /// The desired commit's signature does not verify against the configured keys.
    case signatureRejected(commit: CommitID, reason: String, lastVerified: CommitID?)
    /// With verification on, the tracked ref moved to a commit that does not descend from the last verified one.
    case historyRewriteRefused(commit: CommitID, lastVerified: CommitID)
    /// A token or password would go over plain `http://`.
    case insecureTransport(remote: String, credential: String)
    /// The remote (after a redirect) asked for credentials for another scheme, host or port than configured.
    case credentialsForOtherHost(remote: String, requested: String)
    /// A status push was rejected more times than allowed.
    case pushRejected(remote: String, branch: String, attempts: Int, detail: String)
    /// A node name that cannot be used as a status file name.
    case invalidNodeName(String)
    /// An unexpected libgit2 failure.
    case libgit2(operation: String, code: Int32, message: String)

    /// A message that names the problem and what to do about it.
    public var description: String {
        switch self {
        case .invalidConfiguration, .cacheUnusable, .remoteFailed, .timedOut, .authenticationRejected,
            .credentialFileUnreadable, .knownHostsUnreadable, .tlsCertificateInvalid, .libgit2:
            connectionDescription
        case .hostKeyUnknown, .hostKeyChanged:
            hostKeyDescription
        case .emptyRemote, .refNotFound, .commitNotFound, .fetchTooLarge:
            remoteContentDescription
        case .noUsersFile, .fileTooLarge, .tooManyFiles, .unsafePath, .unexpectedEntry:
            readDescription
        case .signatureMissing, .signatureRejected, .pushRejected, .invalidNodeName:
            verifyAndWriteDescription
        case .historyRewriteRefused, .insecureTransport, .credentialsForOtherHost:
            trustDescription
        }
    }
}
