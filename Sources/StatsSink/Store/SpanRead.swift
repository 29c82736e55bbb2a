/// One read a ``SpanPlan`` asks a backend for: the rows of a roll-up table with bucket starts in a
/// range, and whether they are a boundary's edge buckets (which ``SpanPlan/add(_:bucket:user:bytes:to:)``
/// adds and subtracts) or buckets added into the span containing them.
package struct SpanRead {
    /// The roll-up table.
    package let table: RollUpTable
    /// The bucket starts read.
    package let range: Range<Int64>
    /// The boundary whose fine edge this is; nil for buckets of the window or daily buckets.
    package let boundary: Int?
}
