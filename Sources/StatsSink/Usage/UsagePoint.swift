public import Foundation

/// One step of a usage series for charts.
public struct UsagePoint: Sendable, Equatable, Codable {
    /// The start of the step.
    public var start: Date
    /// The end of the step (exclusive).
    public var end: Date
    /// Bytes received from clients in the step.
    public var fromClient: UInt64
    /// Bytes sent to clients in the step.
    public var toClient: UInt64
    /// Bytes known only as a sum of both directions (see ``UserUsage/unsplit``).
    public var unsplit: UInt64

    /// Creates a point.
    public init(start: Date, end: Date, fromClient: UInt64, toClient: UInt64, unsplit: UInt64 = 0) {
        self.start = start
        self.end = end
        self.fromClient = fromClient
        self.toClient = toClient
        self.unsplit = unsplit
    }

    /// Every byte of the step, saturating at 2⁶⁴ − 1.
    public var total: UInt64 { fromClient.adding(saturating: toClient).adding(saturating: unsplit) }
}
