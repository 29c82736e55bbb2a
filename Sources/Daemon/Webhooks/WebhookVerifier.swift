import Crypto
import Foundation

/// Checks that a webhook came from whoever holds the shared secret: an HMAC-SHA256 of the exact body
/// (GitHub, Gitea, Forgejo, generic) or GitLab's token, compared in constant time.
public struct WebhookVerifier: Sendable {
    /// The verdict on one request.
    public enum Verdict: Sendable, Equatable {
        /// Signed with the secret; `delivery` is the sender's delivery id, if it gave one.
        case verified(WebhookVendor, delivery: String?)
        /// No signature header at all.
        case unsigned
        /// A signature that does not match the body and the secret.
        case badSignature(WebhookVendor)
    }

    private let key: SymmetricKey
    private let tokenDigest: SHA256.Digest

    /// Creates a verifier for `secret`.
    public init(secret: [UInt8]) {
        key = SymmetricKey(data: secret)
        tokenDigest = SHA256.hash(data: secret)
    }

    /// Judges a request; `header` returns a header's value by lowercased name.
    public func verify(header: (String) -> String?, body: [UInt8]) -> Verdict {
        guard let vendor = WebhookVendor.allCases.first(where: { header($0.signatureHeader) != nil }),
              let signature = header(vendor.signatureHeader) else { return .unsigned }
        let valid = vendor == .gitlab ? matchesToken(signature) : matchesHMAC(signature, prefixed: vendor.prefixed, body: body)
        guard valid else { return .badSignature(vendor) }
        let delivery = header(vendor.deliveryHeader).map { String($0.prefix(200)) }
        return .verified(vendor, delivery: delivery?.isEmpty == false ? delivery : nil)
    }

    /// `sha256=<hex>` (or bare hex) against the body's HMAC, in constant time.
    private func matchesHMAC(_ signature: String, prefixed: Bool, body: [UInt8]) -> Bool {
        var text = Substring(signature.trimmingCharacters(in: .whitespaces))
        if prefixed {
            guard text.lowercased().hasPrefix("sha256=") else { return false }
            text = text.dropFirst(7)
        }
        guard let mac = Self.hexBytes(text), mac.count == SHA256.byteCount else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: body, using: key)
    }

    /// GitLab's token, compared as digests so that neither its length nor its bytes leak through timing.
    private func matchesToken(_ token: String) -> Bool {
        let given = SHA256.hash(data: Array(token.utf8))
        return Self.constantTimeEqual(Array(given), Array(tokenDigest))
    }

    /// Equal in time that depends only on the length.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    /// Lower- or uppercase hex to bytes, nil when it is not hex.
    static func hexBytes(_ text: Substring) -> [UInt8]? {
        guard text.utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count / 2)
        var high: UInt8?
        for character in text.utf8 {
            let value: UInt8
            switch character {
            case 48...57: value = character - 48
            case 97...102: value = character - 87
            case 65...70: value = character - 55
            default: return nil
            }
            if let first = high { bytes.append(first << 4 | value); high = nil } else { high = value }
        }
        return bytes
    }
}
