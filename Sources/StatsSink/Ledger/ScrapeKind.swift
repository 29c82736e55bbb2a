/// How a scrape relates to the last one recorded for its node.
public enum ScrapeKind: String, Sendable, Equatable {
    /// Nothing was recorded for the node before: every counter is new traffic.
    case first
    /// The same telemt counter generation as last time: deltas against the baselines.
    case continued
    /// telemt's counters started again since (see ``RestartEvidence``): every counter is new traffic.
    case restarted
    /// The same scrape as the one recorded (same uptime, same instant): nothing to add.
    case duplicate
}
