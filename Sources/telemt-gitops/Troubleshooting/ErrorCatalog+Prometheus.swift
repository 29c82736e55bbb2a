import StatsSink

/// Malformed `/metrics` text (``PrometheusParseError``), each from the real parser on a small bad input.
extension ErrorCatalog {
    static var prometheusEntries: [ErrorEntry] { (prometheusLimitEntries + prometheusSyntaxEntries + prometheusValueEntries).compactMap { $0 } }

    private static let prometheusMeaning = "The answer of the metrics URL is not valid Prometheus text at the line and column given, so nothing of it is used. "
    private static let prometheusFix = "Check that `--metrics` (`telemt.metrics`) is telemt's metrics listener, e.g. `curl -s http://127.0.0.1:9090/metrics | head`; "

    private static func metrics(_ text: String, limits: PrometheusLimits = .default, _ title: String, meaning: String, fix: String) -> ErrorEntry? {
        let error = failure { () throws(PrometheusParseError) in _ = try PrometheusParser(limits: limits).parse(text) }
        return ErrorEntry(failure: error, kind: { $0.reason }, title, meaning: prometheusMeaning + meaning, fix: prometheusFix + fix)
    }

    private static let uptime = "telemt_uptime_seconds 12\n"

    private static var prometheusLimitEntries: [ErrorEntry?] {
        [
            metrics(uptime + uptime, limits: PrometheusLimits(maxBytes: 30), "The response is too large",
                    meaning: "The body is larger than any telemt exposition.", fix: "a proxy or another service may answer at that address."),
            metrics(uptime, limits: PrometheusLimits(maxLineBytes: 10), "A line is too long", meaning: "One line is longer than the limit.",
                    fix: "another service may answer at that address."),
            metrics(uptime + uptime, limits: PrometheusLimits(maxSamples: 1), "Too many samples", meaning: "The body has more samples than the limit.",
                    fix: "another exporter may answer at that address."),
            metrics("m{a=\"1\",b=\"2\"} 1\n", limits: PrometheusLimits(maxLabelsPerSample: 1), "Too many labels", meaning: "One sample has more labels than the limit.",
                    fix: "another exporter may answer at that address."),
            metrics("<html><body>Not found</body></html>\n", "Not a metric name", meaning: "A line does not start with a metric name: typically an HTML page.",
                    fix: "an HTML answer means a web server or proxy, not telemt."),
            metrics("telemt_user_octets_to_client{1user=\"alice\"} 5\n", "Not a label name", meaning: "A label name is malformed.", fix: "the exporter is not telemt."),
        ]
    }

    private static var prometheusSyntaxEntries: [ErrorEntry?] {
        [
            metrics("telemt_user_octets_to_client{user \"alice\"} 5\n", "An expected character is missing", meaning: "A `=`, `,`, `}` or space is missing.",
                    fix: "the body may be cut or not telemt's."),
            metrics("telemt_user_octets_to_client{user=\"alice} 5\n", "A label value is not closed", meaning: "A label value has no closing quote.",
                    fix: "the body may be cut off."),
            metrics("telemt_user_octets_to_client{user=\"al\\ice\"} 5\n", "An invalid escape", meaning: "A backslash escape other than `\\\\`, `\\\"` or `\\n`.",
                    fix: "the exporter is not telemt."),
            metrics("telemt_uptime_seconds 12 3 4\n", "Text after the sample", meaning: "Something follows the value and timestamp.", fix: "the exporter is not telemt."),
            metrics("telemt_uptime_seconds\u{1} 12\n", "A control character", meaning: "A control character other than tab is in a line.", fix: "the body is damaged or binary."),
            metrics("# TYPE telemt_uptime_seconds gauge\n# TYPE telemt_uptime_seconds gauge\n" + uptime, "A second TYPE line",
                    meaning: "Two `# TYPE` lines for one family: two expositions concatenated.", fix: "a proxy may merge several backends."),
            metrics("# HELP telemt_uptime_seconds Uptime\n# HELP telemt_uptime_seconds Uptime\n" + uptime, "A second HELP line",
                    meaning: "Two `# HELP` lines for one family: two expositions concatenated.", fix: "a proxy may merge several backends."),
        ]
    }

    private static var prometheusValueEntries: [ErrorEntry?] {
        [
            ErrorEntry(failure: failure { () throws(PrometheusParseError) in _ = try PrometheusParser().parse([0x6D, 0x20, 0xFF, 0x0A]) }, kind: { $0.reason },
                       "Not UTF-8", meaning: prometheusMeaning + "The body is not UTF-8 text.", fix: prometheusFix + "the body is binary or compressed."),
            metrics("telemt_user_octets_to_client{user=\"alice\",user=\"bob\"} 5\n", "A label given twice", meaning: "One sample names a label twice.",
                    fix: "the exporter is not telemt."),
            metrics("telemt_uptime_seconds twelve\n", "An invalid sample value", meaning: "The value is not a number, NaN or ±Inf.", fix: "the exporter is not telemt."),
            metrics("telemt_uptime_seconds 12 soon\n", "An invalid timestamp", meaning: "The timestamp is not an integer of milliseconds.", fix: "the exporter is not telemt."),
            metrics("# TYPE telemt_uptime_seconds clock\n" + uptime, "An unknown metric type",
                    meaning: "A `# TYPE` line names a type other than counter, gauge, histogram, summary or untyped.", fix: "the exporter is not telemt."),
        ]
    }
}
