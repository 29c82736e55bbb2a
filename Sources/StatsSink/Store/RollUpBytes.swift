/// The three byte columns of one stored traffic row, as SQLite holds them (never negative, at
/// most `Int64.max`).
package struct RollUpBytes: Equatable {
    package var fromClient: Int64
    package var toClient: Int64
    package var unsplit: Int64

    /// The stored form of a usage value: each component clamped to `Int64.max` (8 EiB).
    package init(_ usage: UserUsage) {
        fromClient = Int64(clamping: usage.fromClient)
        toClient = Int64(clamping: usage.toClient)
        unsplit = Int64(clamping: usage.unsplit)
    }

    package init(fromClient: Int64, toClient: Int64, unsplit: Int64) {
        self.fromClient = fromClient
        self.toClient = toClient
        self.unsplit = unsplit
    }

    /// Whether a component reached the 8 EiB ceiling, so sums through it are only bounds.
    var isSaturated: Bool { fromClient == .max || toClient == .max || unsplit == .max }
}
