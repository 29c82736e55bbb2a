public import Foundation

/// Which telemt process a recorded scrape came from and where in its life: the node's baseline.
///
/// The boot instant is derived as `scrapedAt − uptime`, so it jitters by about a second from one
/// scrape to the next; ``TrafficLedger`` compares it with a tolerance.
public struct ScrapeIdentity: Sendable, Equatable {
    /// When the scrape was taken.
    public var scrapedAt: Date
    /// telemt's uptime in that scrape, in seconds.
    public var uptime: Double

    /// Creates an identity.
    public init(scrapedAt: Date, uptime: Double) {
        self.scrapedAt = scrapedAt
        self.uptime = uptime
    }

    /// The identity of a snapshot.
    public init(_ snapshot: TelemtSnapshot) {
        self.init(scrapedAt: snapshot.scrapedAt, uptime: snapshot.uptime)
    }

    /// The derived instant telemt started.
    public var boot: Date { scrapedAt.addingTimeInterval(-uptime) }
}
