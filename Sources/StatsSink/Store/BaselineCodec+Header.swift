extension BaselineCodec {
    /// How many bytes a header can take at most: version, flags, two counters and the longest
    /// recorder (its length is a UInt16).
    package static let longestHeader = 2 + 8 + 8 + 2 + Int(UInt16.max)
    /// How many bytes of stored baselines a reader of headers asks for first: enough for any
    /// recorder id and host name in practice.
    package static let headerPrefix = 1_024

    /// The header of stored baselines from their first `requested` bytes (fewer when the
    /// baselines are shorter): nil when the header runs past a prefix shorter than
    /// ``longestHeader``, so a longer one is needed. Version 1 baselines have an empty header.
    package static func header(prefix bytes: [UInt8], requested: Int) throws -> Header? {
        guard let version = bytes.first, version == 1 || version == 2 else { throw CorruptBaselines(offset: 0) }
        guard version == 2 else { return Header() }
        if bytes.count > 1, bytes[1] >= 8 { throw CorruptBaselines(offset: 1) }
        var offset = 1
        do {
            return try decodeHeader(bytes, &offset)
        } catch where bytes.count >= requested && requested < longestHeader {
            return nil
        }
    }
}
