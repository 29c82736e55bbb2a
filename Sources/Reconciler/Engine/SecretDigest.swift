import Crypto
import TelemtRender

/// A short one-way digest of a secret, so two secrets can be compared without keeping either.
/// Secrets carry 128 random bits, so 64 bits of SHA-256 reveal nothing usable.
enum SecretDigest {
    static func of(_ secret: String) -> String {
        Hex.encode(SHA256.hash(data: Array(("telemt-gitops/digest/" + secret).utf8)).prefix(8))
    }
}
