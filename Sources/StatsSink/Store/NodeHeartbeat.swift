public import Foundation

/// A node the store has recorded, and when it last did: what fleet failover reads to tell live
/// nodes from dead ones (a node whose last recorded scrape is older than a set time is down).
///
/// The time is the scraper's wall clock of the node's last recorded scrape
/// (``ScrapeIdentity/scrapedAt``), written by the host that records the node: compare it only
/// with a clock that agrees with that host's (NTP). A scrape refused or rolled back leaves it where
/// it was; recording the same scrape twice does not move it.
public struct NodeHeartbeat: Sendable, Equatable {
    /// The node's name (`--node`).
    public var node: String
    /// When the node's last recorded scrape was taken, by the recording host's clock.
    public var lastScrape: Date
    /// The telemt-gitops installation that recorded the node last; nil when it was recorded
    /// without one, or when the node's stored baselines are unreadable (its scrapes then fail
    /// until they are reset, so its heartbeat stops anyway).
    public var recorder: RecorderInstance?

    /// Creates a heartbeat.
    public init(node: String, lastScrape: Date, recorder: RecorderInstance? = nil) {
        self.node = node
        self.lastScrape = lastScrape
        self.recorder = recorder
    }
}
