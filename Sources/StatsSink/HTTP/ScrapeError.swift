/// Why a scrape produced no snapshot. Nothing is recorded for a failed scrape; the next successful
/// one counts the traffic in between (the counters keep running in telemt).
public struct ScrapeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong (an `Error` itself so that the HTTP layer can throw it before the URL is attached).
    public enum Reason: Error, Sendable, Equatable {
        /// The URL is not `http://host[:port][/path]`.
        case invalidURL(String)
        /// The host name could not be resolved.
        case resolve(String)
        /// No connection could be made (refused, unreachable).
        case connect(String)
        /// No complete answer within the timeout.
        case timedOut(seconds: Double)
        /// The connection broke or closed before the response was complete.
        case closedEarly
        /// The response is larger than the limit.
        case tooLarge(limit: Int)
        /// The response is not well-formed HTTP/1.x.
        case malformedHTTP(String)
        /// The server answered with a status other than 200.
        case httpStatus(Int)
        /// The body is not valid Prometheus text.
        case parse(PrometheusParseError)
        /// The body is Prometheus text but not a usable telemt scrape.
        case metrics(TelemtMetricsError)
    }

    /// The URL that was scraped.
    public var url: String
    /// What went wrong.
    public var reason: Reason

    /// Creates an error.
    public init(url: String, reason: Reason) {
        self.url = url
        self.reason = reason
    }

    /// A one-line message: the URL, the cause and what to do.
    public var description: String {
        "scrape of \(url) failed: " + problem
    }

    private var problem: String {
        switch reason {
        case .invalidURL(let why):
            "\(why); give --metrics as http://HOST:PORT/metrics (telemt serves plain HTTP)"
        case .resolve(let why):
            "cannot resolve the host (\(why)); check the host name in --metrics"
        case .connect(let why):
            "cannot connect (\(why)); check that telemt runs and that [server] metrics_port/metrics_listen match --metrics"
        case .timedOut(let seconds):
            "no complete response within \(seconds) s; check that telemt is healthy and that metrics_whitelist covers this host"
        case .closedEarly:
            "the connection closed before the response was complete; retry, and check metrics_whitelist"
        case .tooLarge(let limit):
            "the response exceeds \(limit) bytes; the URL does not serve telemt's /metrics"
        case .malformedHTTP(let why):
            "the answer is not HTTP (\(why)); check that --metrics points at telemt's metrics port"
        case .httpStatus(let status):
            "HTTP status \(status); check the path in --metrics (telemt serves /metrics)"
        case .parse(let error):
            error.description
        case .metrics(let error):
            error.description
        }
    }
}
