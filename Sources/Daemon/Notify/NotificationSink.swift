public import StatsSink

/// Where notifications go: the Telegram Bot API, a signed JSON webhook. Each sink has its own name,
/// and the outbox delivers every event to every sink once.
public protocol NotificationSink: Sendable {
    /// A stable name, the outbox's key (`telegram:-1001234567890`, `webhook`).
    var name: String { get }
    /// Tries to deliver one event whose text is `text`.
    func deliver(_ entry: OutboxEntry, text: String) async -> DeliveryResult
}

/// How one delivery went.
public enum DeliveryResult: Sendable, Equatable {
    /// The receiver took it.
    case delivered
    /// Try again later: after `after` when the receiver said so (`retry_after`, `Retry-After`).
    case retry(after: Duration?, reason: String)
    /// The receiver refused this event for good (a bad chat id, a 4xx): given up, logged.
    case rejected(reason: String)
}
