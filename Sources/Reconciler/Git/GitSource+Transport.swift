extension GitSource {
    /// Refuses credentials that would cross the network in clear text (a token or password for an
    /// `http://` remote, configured or in the URL), unless the configuration allows it.
    static func checkTransport(_ remote: RemoteURL, configuration: GitSourceConfiguration) throws(GitSourceError) {
        guard remote.transport == .http, !configuration.allowInsecureTransport else { return }
        switch configuration.authentication {
        case .httpToken(let file, _):
            throw .insecureTransport(remote: remote.redacted, credential: "token from \(file.path)")
        case .httpUserPassword(let file):
            throw .insecureTransport(remote: remote.redacted, credential: "user/password from \(file.path)")
        case .none, .ssh:
            if remote.hasPassword {
                throw .insecureTransport(remote: remote.redacted, credential: "password in the URL")
            }
        }
    }

    /// Warnings about the remote's transport, one line each, for the command line to print: a remote
    /// read over `git://` or `http://` without signature verification can be changed by anyone on the
    /// network path.
    public nonisolated var transportWarnings: [String] {
        guard configuration.verification == nil, remoteURL.transport == .git || remoteURL.transport == .http else {
            return []
        }
        let scheme = remoteURL.transport.rawValue
        return ["warning: \(remoteURL.redacted) is read over \(scheme)://, without encryption or signature "
            + "verification: anyone on the network path can change the users. Use https:// or ssh://, "
            + "or verify commits with --allowed-signers or --gpg-keyring"]
    }
}
