/// A traffic limit: a number of bytes, or no limit at all.
public enum DataLimit: Sendable, Equatable, Hashable {
    /// No limit (`unlimited` in YAML).
    case unlimited
    /// At most this many bytes per period.
    case bytes(UInt64)

    /// The limit in bytes, or `nil` when unlimited.
    public var byteCount: UInt64? {
        if case .bytes(let count) = self { return count }
        return nil
    }
}
