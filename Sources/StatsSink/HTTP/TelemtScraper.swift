/// One scrape of a telemt node: `/metrics`, then — when configured — the read-only API's
/// `/v1/system/info` and `/v1/users`, in that order (the ledger relies on `/metrics` being read
/// first), stamped when the last body has arrived.
///
/// Blocking: a call takes at most the sum of the clients' timeouts. Run it off the cooperative
/// thread pool when the caller is asynchronous.
public struct TelemtScraper: Sendable {
    /// The `/metrics` scraper.
    public var metrics: MetricsScraper
    /// telemt's read-only API, for every configured user's total and the process identity.
    public var api: TelemtAPIClient?

    /// Creates a scraper.
    public init(metrics: MetricsScraper, api: TelemtAPIClient? = nil) {
        self.metrics = metrics
        self.api = api
    }

    /// Reads both sources into one snapshot. A failure of either records nothing: a scrape with
    /// only part of the users would still be exact, but the API is what identifies the process.
    public func scrape() throws(TelemtScrapeError) -> TelemtSnapshot {
        var snapshot: TelemtSnapshot
        do { snapshot = try metrics.scrape() } catch { throw .metrics(error) }
        guard let api else { return snapshot }
        do {
            let system = try api.systemInfo()
            let users = try api.users()
            snapshot.api = TelemtAPIObservation(
                processStartedAt: system.processStartedAt,
                users: users.users.mapValues { .init(totalOctets: $0.totalOctets, currentConnections: $0.currentConnections) }
            )
        } catch {
            throw .api(error)
        }
        snapshot.scrapedAt = metrics.clock.now()
        return snapshot
    }
}

/// Why a ``TelemtScraper`` produced no snapshot.
public enum TelemtScrapeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `/metrics` failed.
    case metrics(ScrapeError)
    /// telemt's API failed.
    case api(TelemtAPIError)

    /// The underlying error's message, which says what to do.
    public var description: String {
        switch self {
        case .metrics(let error): error.description
        case .api(let error): error.description
        }
    }
}
