import Foundation
import Crypto

/// The per-host master key from which every user's secret is derived.
///
/// The key file holds 64 hex digits (32 bytes) and a newline. It lives outside git, on the host,
/// readable by its owner (0600) or its group (0640) only.
public struct MasterKey: Sendable {
    /// The key's length in bytes.
    public static let byteCount = 32

    let bytes: [UInt8]

    /// Creates a key from exactly 32 bytes.
    public init(bytes: [UInt8]) throws(MasterKeyError) {
        guard bytes.count == Self.byteCount else {
            throw MasterKeyError(path: nil, problem: .wrongLength(bytes.count))
        }
        self.bytes = bytes
    }

    /// A new random key from the system's secure generator.
    public static func generate() -> MasterKey {
        let key = SymmetricKey(size: .bits256)
        let bytes = key.withUnsafeBytes { Array($0) }
        // The length is fixed by construction, so this cannot fail.
        return MasterKey(unchecked: bytes)
    }

    private init(unchecked bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The file's contents: lowercase hex and a newline.
    public var fileContents: String {
        Hex.encode(bytes) + "\n"
    }

    /// A short, non-secret identifier of the key (first 8 hex digits of its SHA-256), for logs.
    public var fingerprint: String {
        String(Hex.encode(Array(SHA256.hash(data: bytes))).prefix(8))
    }

    var symmetricKey: SymmetricKey { SymmetricKey(data: bytes) }
}
