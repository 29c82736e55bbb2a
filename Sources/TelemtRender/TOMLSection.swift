/// One section of TOML source: the root (before the first header) or a `[table]` /
/// `[[array]]` header with the key/value lines under it, as byte ranges of the source.
///
/// Ranges are half-open byte offsets into ``TOMLDocument/bytes``. They let the renderer replace
/// one table's text and keep every other byte.
public struct TOMLSection: Sendable, Equatable {
    /// The header's key path; empty for the root section.
    public var path: [String]
    /// `true` for a `[[array of tables]]` header.
    public var isArrayElement: Bool
    /// From the start of the header's line (0 for the root) up to the start of the next
    /// header's line, or the end of the source.
    public var range: Range<Int>
    /// The header line, including its trailing comment and newline; empty for the root.
    public var headerRange: Range<Int>
    /// The end of the last key/value line (after its newline), or of the header line when the
    /// section has no entries. Only blank and comment lines lie between this and `range.upperBound`.
    public var bodyEnd: Int
    /// The byte offset at which each key/value entry of the section starts, in source order.
    public var entryOffsets: [Int]

    /// Creates a section.
    public init(
        path: [String], isArrayElement: Bool, range: Range<Int>, headerRange: Range<Int>,
        bodyEnd: Int, entryOffsets: [Int] = []
    ) {
        self.path = path
        self.isArrayElement = isArrayElement
        self.range = range
        self.headerRange = headerRange
        self.bodyEnd = bodyEnd
        self.entryOffsets = entryOffsets
    }
}
