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

    /// Creates a point.
    public init(start: Date, end: Date, fromClient: UInt64, toClient: UInt64) {
        self.start = start
        self.end = end
        self.fromClient = fromClient
        self.toClient = toClient
    }

    /// Both directions together.
    public var total: UInt64 { fromClient &+ toClient }
}
