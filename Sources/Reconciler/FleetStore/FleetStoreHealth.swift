public import Foundation

/// How the fleet's shared store fared in a tick: whether it answered, since when it has not, as of
/// when the other nodes' usage is known, and how many scrapes wait in the spool. What the status
/// file, the tick's notes and the daemon's `/readyz` say about it.
public struct FleetStoreHealth: Sendable, Equatable {
    /// The store, as its URL (which never holds a password).
    public var store: String
    /// Since when the store has not answered; nil while it answers.
    public var unreachableSince: Date?
    /// When the other nodes' usage was last read (nil: never; quotas count this node alone).
    public var othersAsOf: Date?
    /// Scrapes recorded locally that wait in the spool for the store.
    public var spooled: Int
    /// Spooled scrapes this tick handed to the store.
    public var replayed = 0
    /// Why the store failed in this tick (never a secret).
    public var error: String?

    /// Creates a value.
    public init(store: String, unreachableSince: Date? = nil, othersAsOf: Date? = nil, spooled: Int = 0, error: String? = nil) {
        self.store = store
        self.unreachableSince = unreachableSince
        self.othersAsOf = othersAsOf
        self.spooled = spooled
        self.error = error
    }

    /// Whether the store answered in this tick.
    public var reachable: Bool { unreachableSince == nil }

    /// `fleet store unreachable since …; quotas use other nodes' usage as of …; 3 scrapes spooled`,
    /// nil while the store answers. Holds no error text, so it stays the same from tick to tick of
    /// one outage (the spool grows by at most one scrape a quarter hour).
    public var summary: String? {
        guard let unreachableSince else { return nil }
        let others = othersAsOf.map { "quotas use other nodes' usage as of \(Self.instant($0))" }
            ?? "other nodes' usage was never read: quotas count this node's traffic alone"
        return "fleet store unreachable since \(Self.instant(unreachableSince)); \(others); "
            + "\(spooled) scrape\(spooled == 1 ? "" : "s") spooled for it"
    }

    /// The tick's note: the summary with the store and the error, or the recovery.
    var note: String? {
        if let summary { return summary + " (\(store): \(error ?? "no answer"))" }
        return replayed > 0 ? "fleet store \(store) answers again: \(replayed) spooled scrape\(replayed == 1 ? "" : "s") recorded" : nil
    }

    private static func instant(_ date: Date) -> String { StatusText.instant(date) }
}
