public import Foundation

/// Which telemt process (and counter generation) a recorded scrape came from, and who recorded it:
/// the node-wide part of the baseline.
///
/// A restart is read from telemt's own numbers — uptime, `telemt_connections_total`, the API's
/// process start — never from the wall clock alone (see ``TrafficLedger/classify(_:after:)``).
public struct ScrapeIdentity: Sendable, Equatable {
    /// When the scrape's body arrived (the scraper's wall clock); traffic is attributed to it.
    public var scrapedAt: Date
    /// `telemt_uptime_seconds` in that scrape: monotonic within one counter generation.
    public var uptime: Double
    /// `telemt_connections_total` in that scrape: a process-wide counter that only a restart or a
    /// stats reset lowers.
    public var connectionsTotal: UInt64?
    /// The API's `process_started_at_epoch_secs`, when the API was read: fixed for one process.
    public var processStartedAt: UInt64?
    /// The telemt-gitops instance that recorded it (see ``RecorderInstance``).
    public var recorder: String?

    /// Creates an identity.
    public init(
        scrapedAt: Date, uptime: Double, connectionsTotal: UInt64? = nil, processStartedAt: UInt64? = nil, recorder: String? = nil
    ) {
        self.scrapedAt = scrapedAt
        self.uptime = uptime
        self.connectionsTotal = connectionsTotal
        self.processStartedAt = processStartedAt
        self.recorder = recorder
    }

    /// The identity of a snapshot, recorded by `recorder`.
    public init(_ snapshot: TelemtSnapshot, recorder: String? = nil) {
        self.init(
            scrapedAt: snapshot.scrapedAt, uptime: snapshot.uptime, connectionsTotal: snapshot.connectionsTotal,
            processStartedAt: snapshot.api?.processStartedAt, recorder: recorder
        )
    }
}
