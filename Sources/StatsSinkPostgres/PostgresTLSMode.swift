/// libpq's `sslmode` values, with libpq's meaning.
public enum PostgresTLSMode: String, Sendable, Equatable, CaseIterable {
    /// Plain TCP only.
    case disable
    /// TLS when the server offers it, else plain; the certificate is not checked (libpq's default).
    case prefer
    /// TLS or no connection; the certificate is not checked (checked against `sslrootcert`, like
    /// `verify-ca`, when one is given).
    case require
    /// TLS, the certificate signed by a trusted root (`sslrootcert`, else the system's).
    case verifyCA = "verify-ca"
    /// TLS, the certificate signed by a trusted root and naming the host.
    case verifyFull = "verify-full"
}
