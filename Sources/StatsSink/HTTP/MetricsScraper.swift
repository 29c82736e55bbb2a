import Foundation

/// Scrapes telemt's `/metrics` over plain HTTP and returns a typed ``TelemtSnapshot``.
///
/// Blocking: a call takes at most ``timeout`` seconds. Run it off the cooperative thread pool
/// (for example in a detached task) when the caller is asynchronous.
public struct MetricsScraper: Sendable {
    /// Where to scrape.
    public var endpoint: MetricsEndpoint
    /// Seconds for the whole exchange (connect, send, receive).
    public var timeout: Double
    /// Bounds on the response and its parsing.
    public var limits: PrometheusLimits
    /// Stamps each snapshot; traffic is attributed to this instant.
    public var clock: any StatsClock

    /// Creates a scraper for `url` (`http://host:port/metrics`).
    public init(
        url: String, timeout: Double = 5, limits: PrometheusLimits = .default, clock: any StatsClock = SystemClock()
    ) throws(ScrapeError) {
        self.endpoint = try MetricsEndpoint(url: url)
        self.timeout = timeout
        self.limits = limits
        self.clock = clock
    }

    /// Fetches, parses and reads one scrape.
    public func scrape() throws(ScrapeError) -> TelemtSnapshot {
        let url = endpoint.description
        let body: [UInt8]
        do throws(ScrapeError.Reason) {
            body = try HTTPGetClient(timeout: timeout, maxBodyBytes: limits.maxBytes).get(endpoint)
        } catch {
            throw ScrapeError(url: url, reason: error)
        }
        // Stamped when the body has arrived: a slow answer is attributed to when telemt's numbers were read.
        let scrapedAt = clock.now()
        let document: MetricsDocument
        do throws(PrometheusParseError) {
            document = try PrometheusParser(limits: limits).parse(body)
        } catch {
            throw ScrapeError(url: url, reason: Self.cutShort(body, limits: limits) ? .closedEarly : .parse(error))
        }
        // telemt ends every line with a newline: a body that stops inside one was cut short (a
        // response without Content-Length ends wherever the connection did).
        guard body.last == UInt8(ascii: "\n") else { throw ScrapeError(url: url, reason: .closedEarly) }
        do throws(TelemtMetricsError) {
            return try TelemtSnapshot(document: document, scrapedAt: scrapedAt)
        } catch {
            throw ScrapeError(url: url, reason: .metrics(error))
        }
    }

    /// Whether an unparsable body is a valid one cut inside its last line: everything up to its last
    /// newline parses. Such a body is reported as cut short rather than as a parse error at its end.
    static func cutShort(_ body: [UInt8], limits: PrometheusLimits) -> Bool {
        guard body.last != UInt8(ascii: "\n"), let newline = body.lastIndex(of: UInt8(ascii: "\n")) else { return false }
        return (try? PrometheusParser(limits: limits).parse(Array(body[...newline]))) != nil
    }
}
