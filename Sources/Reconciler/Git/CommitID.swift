/// A git commit id (40 lowercase hex digits for SHA-1 repositories).
public struct CommitID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The full hexadecimal id.
    public let hex: String

    /// Accepts 40 hex digits (any case); returns nil for anything else.
    public init?(hex: String) {
        guard hex.utf8.count == 40, hex.utf8.allSatisfy(\.isHexDigit) else { return nil }
        self.hex = hex.lowercased()
    }

    /// Builds an id from raw bytes (20 for SHA-1).
    init(bytes: some Collection<UInt8>) {
        self.hex = bytes.map { byte in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
        }.joined()
    }

    /// The first seven digits, as git abbreviates ids in messages.
    public var short: String { String(hex.prefix(7)) }

    /// The full id.
    public var description: String { hex }

    /// Orders ids by their hexadecimal text.
    public static func < (lhs: CommitID, rhs: CommitID) -> Bool { lhs.hex < rhs.hex }
}

extension UInt8 {
    var isHexDigit: Bool {
        (0x30...0x39).contains(self) || (0x41...0x46).contains(self) || (0x61...0x66).contains(self)
    }
}
