import StatsSink

/// Scraping telemt's `/metrics` (``ScrapeError``, ``TelemtMetricsError``, ``TelemtScrapeError``).
extension ErrorCatalog {
    static let scrapeIntro = "`scrape`, `reconcile`, `run` and `plan` on the host read telemt's `/metrics` and, with `--api`, "
        + "its read-only HTTP API. A failed scrape records nothing: telemt's counters keep running, so the next successful "
        + "scrape counts the traffic in between, and nothing is ever counted twice."

    private static let metricsURL = "http://127.0.0.1:9090/metrics"

    static var scrapeEntries: [ErrorEntry] { scrapeTransportEntries + telemtMetricsEntries + telemtScrapeEntries }

    private static func scrape(_ reason: ScrapeError.Reason, _ title: String, meaning: String, fix: String) -> ErrorEntry {
        ErrorEntry(ScrapeError(url: metricsURL, reason: reason), kind: reason, title, meaning: meaning, fix: fix)
    }

    private static var scrapeTransportEntries: [ErrorEntry] {
        [
            scrape(.invalidURL("https is not supported"), "The metrics URL is unusable",
                   meaning: "telemt serves /metrics over plain HTTP; the URL is not `http://host[:port][/path]`.", fix: "Set `--metrics http://127.0.0.1:9090/metrics` (`telemt.metrics`)."),
            scrape(.resolve("Name or service not known"), "The metrics host does not resolve",
                   meaning: "The host name in the URL has no address (a typo, or a container name outside its network).", fix: "Use the IP address or a name this host resolves (`getent hosts NAME`)."),
            scrape(.connect("Connection refused"), "telemt's metrics cannot be reached",
                   meaning: "Nothing listens at that address: telemt is down, or its metrics listener is elsewhere or off.",
                   fix: "Check `systemctl status telemt` and that [server] metrics_listen (or metrics_port) in telemt's config matches the URL."),
            scrape(.timedOut(seconds: 10), "telemt did not answer in time",
                   meaning: "The connection was accepted but no complete answer came: telemt is overloaded, or metrics_whitelist drops this host.",
                   fix: "Add this host's address to metrics_whitelist; raise `--timeout` for very many users."),
            scrape(.closedEarly, "The connection closed early", meaning: "telemt (or something in between) closed the connection mid-answer.",
                   fix: "Retry; check metrics_whitelist and that nothing else answers on that port."),
            scrape(.tooLarge(limit: 33_554_432), "The metrics answer is too large", meaning: "The body is larger than any telemt exposition.",
                   fix: "Check that the URL is telemt's metrics listener."),
            scrape(.malformedHTTP("no status line"), "The answer is not HTTP", meaning: "Something other than an HTTP server answers at that port (for example telemt's proxy port itself).",
                   fix: "Point `--metrics` at the metrics port, not the proxy port."),
            scrape(.httpStatus(404), "An HTTP error status", meaning: "The server answered, but not with 200: usually a wrong path.", fix: "telemt serves `/metrics`; fix the path in the URL."),
        ]
    }

    private static func telemtMetrics(_ line: Int, _ reason: TelemtMetricsError.Reason, _ title: String, meaning: String, fix: String) -> ErrorEntry {
        let error = ScrapeError(url: metricsURL, reason: .metrics(TelemtMetricsError(line: line, reason: reason)))
        return ErrorEntry(TelemtMetricsError(line: line, reason: reason), kind: reason, title, meaning: meaning + " It prints as `\(error)`.", fix: fix)
    }

    private static var telemtMetricsEntries: [ErrorEntry] {
        [
            ErrorEntry(ScrapeError(url: metricsURL, reason: .parse(PrometheusParseError(line: 1, column: 1, reason: .invalidMetricName))), kind: "parse",
                       "The metrics are not Prometheus text", meaning: "The body is not valid Prometheus text; the PrometheusParseError entries below explain each kind.",
                       fix: "Check that the URL is telemt's metrics listener (`curl -s URL | head`)."),
            ErrorEntry(ScrapeError(url: metricsURL, reason: .metrics(TelemtMetricsError(line: 0, reason: .missingUptime))), kind: "metrics",
                       "The metrics are not telemt's", meaning: "The body is Prometheus text but not a usable telemt scrape; the TelemtMetricsError entries explain each reason.",
                       fix: "Check that the URL is telemt's metrics listener, not another exporter's."),
            telemtMetrics(0, .missingUptime, "No telemt_uptime_seconds", meaning: "The exposition has no telemt uptime: it comes from another exporter.",
                          fix: "Point `--metrics` at telemt's metrics listener."),
            telemtMetrics(41, .duplicateSeries(metric: "telemt_user_octets_to_client", user: "alice"), "A series appears twice",
                          meaning: "telemt prints each series once; two copies mean two expositions merged (a proxy in front of two telemt processes).",
                          fix: "Scrape each telemt process on its own, with its own `--node`."),
            telemtMetrics(12, .invalidCounter(metric: "telemt_user_octets_to_client", user: "alice", value: -1), "A counter that is not a whole number",
                          meaning: "A byte counter is negative, fractional or too large.", fix: "Check that the URL is telemt's, not another exporter's."),
            telemtMetrics(0, .incompleteUser(user: "alice", missing: "telemt_user_octets_from_client"), "A user with one counter only",
                          meaning: "telemt prints both octet counters of a user; one is missing, so the body was cut.", fix: "Retry; if it persists, check what sits between this host and telemt."),
            telemtMetrics(7, .missingUserLabel(metric: "telemt_user_octets_to_client"), "A per-user sample without a user",
                          meaning: "Per-user metrics are off in telemt.", fix: "Remove `user_enabled = false` from [general.telemetry] in telemt's config (the template)."),
            telemtMetrics(0, .tooManyUsers(limit: 8192), "More users than telemt labels",
                          meaning: "telemt labels at most 4096 users per process; more means another exporter.", fix: "Check the URL; use `--api` to account users beyond 4096."),
        ]
    }

    private static var telemtScrapeEntries: [ErrorEntry] {
        [
            ErrorEntry(TelemtScrapeError.metrics(ScrapeError(url: metricsURL, reason: .connect("Connection refused"))), "The metrics part of a scrape failed",
                       meaning: "With `--api`, a scrape reads /metrics and the API; this says /metrics failed (the ScrapeError entries above).",
                       fix: "Follow the message's own advice; nothing was recorded."),
            ErrorEntry(TelemtScrapeError.api(TelemtAPIError(url: "http://127.0.0.1:9091", operation: "GET /v1/users", reason: .unauthorized(status: 401, code: "unauthorized"))),
                       "The API part of a scrape failed", meaning: "With `--api`, a scrape reads /metrics and the API; this says the API failed (the TelemtAPIError entries below).",
                       fix: "Follow the message's own advice; nothing was recorded."),
        ]
    }
}
