import CGit2
import Foundation

extension RemoteCallbackContext {
    /// Decides whether to trust the server: SSH host keys against the required known_hosts file,
    /// TLS certificates by libgit2's own validation. Returns 0 to accept.
    func checkCertificate(_ cert: UnsafeMutablePointer<git_cert>, valid: Bool, host: String) -> Int32 {
        if cert.pointee.cert_type == GIT_CERT_HOSTKEY_LIBSSH2 {
            return checkHostKey(UnsafeMutableRawPointer(cert).assumingMemoryBound(to: git_cert_hostkey.self))
        }
        if valid { return 0 }
        record(.tlsCertificateInvalid(host: host))
        return GIT_ECERTIFICATE.rawValue
    }

    private func checkHostKey(_ cert: UnsafeMutablePointer<git_cert_hostkey>) -> Int32 {
        guard case .ssh(_, let knownHostsURL, _) = authentication else {
            record(.invalidConfiguration(field: "authentication", value: remote.redacted,
                                         reason: "ssh remotes need a deploy key and a known_hosts file"))
            return GIT_ECERTIFICATE.rawValue
        }
        guard cert.pointee.type.rawValue & GIT_CERT_SSH_RAW.rawValue != 0, let raw = cert.pointee.hostkey else {
            record(.remoteFailed(remote: remote.redacted, operation: "verify host key of",
                                 detail: "libssh2 did not provide the raw host key"))
            return GIT_ECERTIFICATE.rawValue
        }
        let key = [UInt8](UnsafeRawBufferPointer(start: raw, count: cert.pointee.hostkey_len))
        let knownHosts: KnownHosts
        do {
            knownHosts = try KnownHosts(contentsOf: knownHostsURL)
        } catch {
            record(error)
            return GIT_ECERTIFICATE.rawValue
        }
        let host = remote.knownHostsName
        let verdict = knownHosts.check(host: host, key: key)
        if verdict == .trusted { return 0 }
        let type = KnownHosts.keyType(of: key)
        let fingerprint = KnownHosts.fingerprint(of: key)
        if verdict == .unknown {
            record(.hostKeyUnknown(host: host, keyType: type, fingerprint: fingerprint, knownHosts: knownHostsURL.path))
        } else {
            record(.hostKeyChanged(host: host, keyType: type, fingerprint: fingerprint, knownHosts: knownHostsURL.path))
        }
        return GIT_ECERTIFICATE.rawValue
    }
}
