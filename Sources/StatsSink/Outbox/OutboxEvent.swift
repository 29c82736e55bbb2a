public import Foundation

/// A notification waiting in the outbox: what happened, to whom, and the facts its texts are made
/// of. Free of secrets and links by construction: the fields are names, states, sizes and times.
public struct OutboxEvent: Sendable, Equatable, Codable {
    /// A key derived from what caused the event, so that the same cause seen again (a tick repeated
    /// after a crash) adds nothing: the outbox keeps the first event of a key.
    public var key: String
    /// The node it happened on.
    public var node: String
    /// The event's kind: `limited`, `expired`, `active`, `usage_threshold`, `reconcile_failing`, …
    public var kind: String
    /// The user it is about, if any.
    public var user: String?
    /// The facts the templates use (`reason`, `used`, `limit`, `threshold`, `expire`, `error`, …).
    public var fields: [String: String]
    /// When it happened.
    public var created: Date

    /// Creates an event.
    public init(key: String, node: String, kind: String, user: String? = nil, fields: [String: String] = [:], created: Date) {
        self.key = key
        self.node = node
        self.kind = kind
        self.user = user
        self.fields = fields
        self.created = created
    }
}
