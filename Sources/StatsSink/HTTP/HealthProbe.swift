/// One bounded `GET` of a health endpoint (the daemon's `/healthz` or `/readyz`), for container
/// health checks and scripts: no NIO, no redirects, a deadline over connect, send and receive.
///
/// Blocking: a call takes at most ``timeout`` seconds.
public struct HealthProbe: Sendable {
    /// What was asked.
    public var endpoint: MetricsEndpoint
    /// Seconds for the whole exchange.
    public var timeout: Double

    /// The largest body read (health answers are a line or two).
    static let maxBodyBytes = 64 << 10

    /// Creates a probe of `url` (`http://host:port/healthz`).
    public init(url: String, timeout: Double = 3) throws(ScrapeError) {
        self.endpoint = try MetricsEndpoint(url: url)
        self.timeout = timeout
    }

    /// The answer's status and its first line of text.
    public func check() throws(ScrapeError) -> (status: Int, text: String) {
        do throws(ScrapeError.Reason) {
            let response = try HTTPGetClient(timeout: timeout, maxBodyBytes: Self.maxBodyBytes).response(endpoint)
            let line = String(decoding: response.body.prefix(200), as: UTF8.self).split(separator: "\n").first ?? ""
            return (response.status, String(line))
        } catch {
            throw ScrapeError(url: endpoint.description, reason: error)
        }
    }
}
