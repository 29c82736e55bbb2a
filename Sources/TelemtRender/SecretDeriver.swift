public import Spec
import Crypto
import Dispatch

/// Derives each user's telemt secret from the host's master key.
///
/// `secret = hex(HMAC-SHA256(master_key, "telemt-gitops/v1/" + name + "/" + rotate))[0..<32]`.
/// Bumping `rotate` in the spec issues a new secret; an explicit `secret:` in the spec wins.
public struct SecretDeriver: Sendable {
    /// The HMAC already keyed and fed the common prefix; each derivation continues a copy of it,
    /// so the key schedule runs once rather than once per user.
    private let keyed: HMAC<SHA256>

    /// Creates a deriver for one master key.
    public init(key: MasterKey) {
        var keyed = HMAC<SHA256>(key: key.symmetricKey)
        keyed.update(data: Array("telemt-gitops/v1/".utf8))
        self.keyed = keyed
    }

    /// The derived secret of `name` at rotation `rotate`: 32 lowercase hex digits.
    public func derive(name: String, rotate: Int) -> String {
        var hmac = keyed
        var message = name
        message += "/"
        message += String(rotate)
        hmac.update(data: Array(message.utf8))
        return hmac.finalize().withUnsafeBytes { Hex.encode(UnsafeRawBufferPointer(rebasing: $0.prefix(16))) }
    }

    /// The secret telemt should use for `user`: its explicit one, else the derived one.
    public func secret(for user: UserSpec) -> String {
        user.secret ?? derive(name: user.name, rotate: user.rotate)
    }

    /// The secret of every user, in the order of `users`; two users with the same secret are an error.
    ///
    /// Derivation is spread over the machine's cores in chunks (it dominates rendering for large
    /// user sets); the duplicate check then runs in order, so the error names the earlier user first.
    public func secrets(for users: [UserSpec]) throws(DuplicateSecretError) -> [String] {
        let secrets = derivedInParallel(users)
        // Derived secrets are distinct 128-bit HMAC outputs of distinct names (a collision among
        // 100k users has a chance near 1e-29); only an explicit secret can realistically clash.
        guard users.contains(where: { $0.secret != nil }) else { return secrets }
        var owner: [SecretKey: Int] = [:]
        owner.reserveCapacity(users.count)
        for (index, secret) in secrets.enumerated() {
            if let first = owner.updateValue(index, forKey: SecretKey(secret)) {
                throw DuplicateSecretError(first: users[first].name, firstLocation: users[first].location,
                                           second: users[index].name, secondLocation: users[index].location)
            }
        }
        return secrets
    }

    private func derivedInParallel(_ users: [UserSpec]) -> [String] {
        let chunkSize = 4096
        guard users.count > chunkSize else { return users.map(secret(for:)) }
        var result = [String](repeating: "", count: users.count)
        result.withUnsafeMutableBufferPointer { buffer in
            // Each chunk writes only its own disjoint range of the buffer.
            nonisolated(unsafe) let output = buffer
            let chunks = (users.count + chunkSize - 1) / chunkSize
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let range = (chunk * chunkSize)..<min(users.count, (chunk + 1) * chunkSize)
                for index in range {
                    output[index] = secret(for: users[index])
                }
            }
        }
        return result
    }
}

/// A secret folded into 128 bits for the duplicate check: hashing two integers is much cheaper
/// than hashing a 32-character string, and for 32 lowercase hex digits (explicit secrets are
/// normalised by the spec loader, derived ones are lowercase) the fold is exact.
private struct SecretKey: Hashable {
    let high: UInt64
    let low: UInt64

    init(_ secret: String) {
        var high: UInt64 = 0
        var low: UInt64 = 0
        for (index, byte) in secret.utf8.enumerated() {
            let digit = UInt64((byte &- (byte >= UInt8(ascii: "a") ? UInt8(ascii: "a") &- 10 : UInt8(ascii: "0"))) & 0x0f)
            if index < 16 { high = high << 4 | digit } else { low = low << 4 | digit }
        }
        self.high = high
        self.low = low
    }
}

/// Two users would share one secret (telemt could not tell them apart). The value is never shown.
public struct DuplicateSecretError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The user defined first.
    public var first: String
    /// Where the first user is defined.
    public var firstLocation: SourceLocation
    /// The user defined second.
    public var second: String
    /// Where the second user is defined.
    public var secondLocation: SourceLocation

    public var description: String {
        "\(secondLocation): error: users '\(first)' (\(firstLocation)) and '\(second)' have the same secret; "
            + "remove the explicit `secret:` of one of them so it gets a derived secret"
    }
}
