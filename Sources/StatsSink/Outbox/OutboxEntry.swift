public import Foundation

/// An event as one sink sees it: its row id, and how its delivery to that sink has gone so far.
public struct OutboxEntry: Sendable, Equatable {
    /// The outbox row id; events of one sink are delivered in this order.
    public var id: Int64
    /// The event.
    public var event: OutboxEvent
    /// Failed attempts to deliver it to this sink.
    public var attempts: Int
    /// Not before this instant (a backoff or a `retry_after`), if a failed attempt set one.
    public var notBefore: Date?

    /// Creates an entry.
    public init(id: Int64, event: OutboxEvent, attempts: Int = 0, notBefore: Date? = nil) {
        self.id = id
        self.event = event
        self.attempts = attempts
        self.notBefore = notBefore
    }
}
