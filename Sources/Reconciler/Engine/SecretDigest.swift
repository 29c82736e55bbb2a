import Foundation
import Crypto

/// A short one-way digest of a secret, so two secrets can be compared without keeping either.
/// Secrets carry 128 random bits, so 64 bits of SHA-256 reveal nothing usable.
enum SecretDigest {
    static func of(_ secret: String) -> String {
        SHA256.hash(data: Array(("telemt-gitops/digest/" + secret).utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }
}
