public import StatsSink

/// What the engine reads from telemt: one scrape (`/metrics`, and the read-only API's users when
/// configured) and the API's system info (process identity and reload count). The seam that tests
/// and the daemon fill; ``LiveTelemt`` is the real one.
///
/// Blocking: callers run it off the cooperative thread pool.
public protocol TelemtObserver: Sendable {
    /// One scrape.
    func scrape() throws -> TelemtSnapshot
    /// `GET /v1/system/info`, or nil when no API is configured.
    func systemInfo() throws -> TelemtSystemInfo?
}

/// telemt over loopback HTTP: ``TelemtScraper`` for the scrape, its API client for system info.
public struct LiveTelemt: TelemtObserver {
    /// The scraper (and its optional API client).
    public var scraper: TelemtScraper

    /// Creates an observer.
    public init(scraper: TelemtScraper) {
        self.scraper = scraper
    }

    /// One scrape of both sources.
    public func scrape() throws -> TelemtSnapshot { try scraper.scrape() }

    /// The API's system info, when configured.
    public func systemInfo() throws -> TelemtSystemInfo? { try scraper.api?.systemInfo() }
}
