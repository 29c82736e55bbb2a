/// The entries of one `[header]` table that ``TOMLParser`` read with its strict fast reader
/// instead of building ``TOMLValue``s: byte ranges into the source and plain scalars.
///
/// Only produced when every entry of the table has the simple form `key = value` (a bare key,
/// or a quoted key of printable ASCII without escapes; a basic string without escapes, `true`,
/// `false` or a decimal integer without sign, underscores or leading zeros). The parser proves
/// the keys unique and sorts the entries by the bytes of their keys.
struct TOMLCapturedTable {
    /// A scalar value as captured.
    enum Value {
        /// A basic string; the range holds its bytes (no escapes, so they are the string).
        case string(Range<Int>)
        /// A decimal integer.
        case integer(Int64)
        /// `true` or `false`.
        case boolean(Bool)
    }

    /// One `key = value` line.
    struct Entry {
        /// The key's bytes (inside the quotes for a quoted key).
        var key: Range<Int>
        /// The value.
        var value: Value
    }

    /// The builder's table that the header opened; it must stay empty for the capture to hold.
    var builderTable: Int
    /// The entries, sorted by key bytes once the document is parsed.
    var entries: [Entry] = []
}
