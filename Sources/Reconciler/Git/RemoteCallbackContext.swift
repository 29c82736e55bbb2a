import CGit2
import Foundation

/// State shared with libgit2's C callbacks for one remote operation: credentials, host-key policy,
/// bounds, and the first failure a callback saw (reported in preference to libgit2's generic error).
final class RemoteCallbackContext {
    let remote: RemoteURL
    let authentication: GitAuthentication
    let maxAuthAttempts: Int
    let maxFetchBytes: Int
    var credentialAttempts = 0
    var failure: GitSourceError?
    var pushRejections: [String: String] = [:]

    init(remote: RemoteURL, authentication: GitAuthentication, maxAuthAttempts: Int, maxFetchBytes: Int) {
        self.remote = remote
        self.authentication = authentication
        self.maxAuthAttempts = maxAuthAttempts
        self.maxFetchBytes = maxFetchBytes
    }

    /// A human name of the credential kind, for messages (never its value).
    var credentialKind: String {
        switch authentication {
        case .none: "anonymous access"
        case .ssh(let key, _, _): "SSH deploy key \(key.path)"
        case .httpToken(let file, _): "token from \(file.path)"
        case .httpUserPassword(let file): "user/password from \(file.path)"
        }
    }

    /// Records the first failure only: later ones are consequences of it.
    func record(_ error: GitSourceError) {
        if failure == nil { failure = error }
    }

    /// Produces a credential for libgit2, re-reading secret files every time (so rotation works),
    /// refusing once `maxAuthAttempts` credentials were offered, and never for another scheme, host or
    /// port than the configured URL's (libgit2 follows redirects of smart HTTP).
    func credential(_ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>, requestedURL: String?,
                    usernameFromURL: String?, allowed: UInt32) -> Int32 {
        if let requestedURL, !remote.isSameOrigin(as: requestedURL) {
            record(.credentialsForOtherHost(remote: remote.redacted, requested: RemoteURL.origin(of: requestedURL)))
            return GIT_EUSER.rawValue
        }
        if allowed & GIT_CREDENTIAL_USERNAME.rawValue != 0, allowed & GIT_CREDENTIAL_SSH_KEY.rawValue == 0 {
            return git_credential_username_new(out, usernameFromURL ?? "git")
        }
        credentialAttempts += 1
        guard credentialAttempts <= maxAuthAttempts else {
            record(.authenticationRejected(remote: remote.redacted, attempts: maxAuthAttempts,
                                           credential: credentialKind))
            return GIT_EAUTH.rawValue
        }
        do {
            return try makeCredential(out, usernameFromURL: usernameFromURL, allowed: allowed)
        } catch {
            record(error)
            return GIT_EUSER.rawValue
        }
    }

    private func makeCredential(_ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>,
                                usernameFromURL: String?, allowed: UInt32) throws(GitSourceError) -> Int32 {
        switch authentication {
        case .none:
            record(.authenticationRejected(remote: remote.redacted, attempts: 0,
                                           credential: "anonymous access (no credentials are configured)"))
            return GIT_EAUTH.rawValue
        case .ssh(let key, _, let passphraseFile):
            guard allowed & GIT_CREDENTIAL_SSH_KEY.rawValue != 0 else { return GIT_EAUTH.rawValue }
            guard FileManager.default.isReadableFile(atPath: key.path) else {
                throw .credentialFileUnreadable(path: key.path, detail: "missing or not readable")
            }
            let passphrase = try passphraseFile.map { url throws(GitSourceError) in try CredentialFile.firstLine(url) }
            return git_credential_ssh_key_new(out, usernameFromURL ?? "git", nil, key.path, passphrase)
        case .httpToken(let file, let username):
            guard allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0 else { return GIT_EAUTH.rawValue }
            let token = try CredentialFile.firstLine(file)
            return git_credential_userpass_plaintext_new(out, username, token)
        case .httpUserPassword(let file):
            guard allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0 else { return GIT_EAUTH.rawValue }
            let (user, password) = try CredentialFile.userPassword(file)
            return git_credential_userpass_plaintext_new(out, user, password)
        }
    }
}
