/// How a scrape relates to the last one recorded for its node.
public enum ScrapeKind: String, Sendable, Equatable {
    /// Nothing was recorded for the node before: every counter is new traffic.
    case first
    /// The same telemt process as last time: deltas against the baselines.
    case continued
    /// telemt restarted since (uptime went down, or the boot moved by more than the tolerance):
    /// every counter is new traffic.
    case restarted
    /// The same scrape as the one recorded, or an older one of the same telemt process: nothing to add.
    case duplicate
}
