extension GitSourceError {
    var connectionDescription: String {
        switch self {
        case .invalidConfiguration(let field, let value, let reason):
            "invalid \(field) '\(value)': \(reason); fix the configuration"
        case .cacheUnusable(let path, let operation, let detail):
            "git cache \(path): \(operation) failed: \(detail); check the state directory's permissions and free space"
        case .remoteFailed(let remote, let operation, let detail):
            "\(operation) \(remote) failed: \(detail); check the URL and that the remote is reachable"
        case .timedOut(let remote, let operation, let seconds):
            "\(operation) \(remote) timed out after \(seconds.formatted1)s: the remote stopped answering; "
                + "the cache is kept and the next attempt retries"
        case .authenticationRejected(let remote, let attempts, let credential):
            "\(remote) rejected the \(credential) (\(attempts) attempt\(attempts == 1 ? "" : "s")); "
                + "check that it is authorised for this repository, or replace it"
        case .credentialFileUnreadable(let path, let detail):
            "cannot read credential file \(path): \(detail); create it (mode 0600) with the credential"
        case .knownHostsUnreadable(let path, let detail):
            "cannot read known_hosts file \(path): \(detail); a known_hosts file is required for ssh remotes "
                + "(create it with `ssh-keyscan HOST` after checking the fingerprint out of band)"
        case .tlsCertificateInvalid(let host):
            "TLS certificate of \(host) did not verify; check the host name and the system CA certificates"
        case .libgit2(let operation, let code, let message):
            "\(operation) failed (libgit2 \(code)): \(message); check the repository URL and that the remote answers, then retry (the daemon retries with backoff)"
        default: ""
        }
    }

    var hostKeyDescription: String {
        switch self {
        case .hostKeyUnknown(let host, let keyType, let fingerprint, let knownHosts):
            "host key of \(host) is not in \(knownHosts) (\(keyType) \(fingerprint)); refusing to connect. "
                + "If this fingerprint is right, add the key to \(knownHosts)"
        case .hostKeyChanged(let host, let keyType, let fingerprint, let knownHosts):
            "host key of \(host) does not match \(knownHosts): the server offered \(keyType) \(fingerprint); "
                + "refusing to connect. If the server's key was really changed, update \(knownHosts)"
        default: ""
        }
    }

    var remoteContentDescription: String {
        switch self {
        case .emptyRemote(let remote):
            "\(remote) is an empty repository; push a commit with users.yaml to it"
        case .refNotFound(let remote, let ref, let available):
            "\(ref) not found on \(remote) (it has: \(available.prefix(10).joined(separator: ", ")))"
                + "; check the configured branch or tag, or whether it was deleted"
        case .commitNotFound(let commit, let detail):
            "commit \(commit) not found: \(detail); check the pinned commit id"
        case .fetchTooLarge(let remote, let limit):
            "fetch from \(remote) exceeded \(limit) bytes; remove large files from the repository "
                + "or raise the fetch size limit"
        default: ""
        }
    }

    var readDescription: String {
        switch self {
        case .noUsersFile(let commit, let subPath):
            "commit \(commit.short) has no users.yaml or users/*.yaml under '\(subPath.isEmpty ? "/" : subPath)'; "
                + "commit one, or set the sub-path"
        case .fileTooLarge(let commit, let path, let bytes, let limit):
            "\(path) at \(commit.short) is \(bytes) bytes, over the limit of \(limit); split or shrink it"
        case .tooManyFiles(let commit, let path, let limit):
            "\(path) at \(commit.short) holds more than \(limit) files; merge some of them"
        case .unsafePath(let path, let reason):
            "unsafe path '\(path)': \(reason); use a relative path without '..'"
        case .unexpectedEntry(let commit, let path, let found, let expected):
            "\(path) at \(commit.short) is a \(found), expected a \(expected); commit a plain \(expected) there"
        default: ""
        }
    }

    var verifyAndWriteDescription: String {
        switch self {
        case .signatureMissing(let commit, let lastVerified):
            "commit \(commit.short) is not signed; refusing it\(Self.keeps(lastVerified)). "
                + "Sign commits with a key listed in the configured allowed signers or keyring"
        case .signatureRejected(let commit, let reason, let lastVerified):
            "signature of commit \(commit.short) does not verify (\(reason)); refusing it\(Self.keeps(lastVerified)). "
                + "Re-sign it with a configured key"
        case .pushRejected(let remote, let branch, let attempts, let detail):
            "pushing status to \(branch) on \(remote) was rejected \(attempts) times (\(detail)); "
                + "check push access for the deploy key or token and branch protection"
        case .invalidNodeName(let name):
            "node name '\(name)' is not usable as a status file name; use [A-Za-z0-9_.-]{1,64}"
        default: ""
        }
    }

    private static func keeps(_ lastVerified: CommitID?) -> String {
        lastVerified.map { "; still serving \($0.short)" } ?? "; no verified revision yet"
    }
}

extension Double {
    var formatted1: String { String(Double(Int(self * 10)) / 10) }
}
