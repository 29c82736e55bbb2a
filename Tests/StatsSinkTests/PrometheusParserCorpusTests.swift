import Testing
@testable import StatsSink

/// Malformed expositions: each is rejected with the line (and column) of its first problem.
struct PrometheusParserCorpusTests {
    static let corpus: [(text: String, line: Int, column: Int, reason: PrometheusParseError.Reason)] = [
        ("m 1\n3m 1", 2, 1, .invalidMetricName),
        ("m", 1, 2, .expected("a blank or '{' after the metric name")),
        ("m ", 1, 3, .expected("a sample value")),
        ("m one", 1, 3, .invalidValue("one")),
        ("m 0x1p3", 1, 3, .invalidValue("0x1p3")),
        ("m 1e", 1, 3, .invalidValue("1e")),
        ("m nan(1)", 1, 3, .invalidValue("nan(1)")),
        ("m -NaN", 1, 3, .invalidValue("-NaN")),
        ("m 1 2 3", 1, 7, .trailingText),
        ("m 1 1.5", 1, 5, .invalidTimestamp("1.5")),
        ("m 1 99999999999999999999", 1, 5, .invalidTimestamp("99999999999999999999")),
        ("m{a=\"1\" 1", 1, 9, .expected("',' or '}' after the label value")),
        ("m{a=\"1} 1", 1, 5, .unterminatedLabelValue),
        ("m{a=1} 1", 1, 5, .expected("a quoted label value")),
        ("m{a\"1\"} 1", 1, 4, .expected("'=' after the label name")),
        ("m{1a=\"1\"} 1", 1, 3, .invalidLabelName),
        ("m{a:b=\"1\"} 1", 1, 4, .expected("'=' after the label name")),
        ("m{,} 1", 1, 3, .invalidLabelName),
        ("m{a=\"x\",a=\"y\"} 1", 1, 9, .duplicateLabel("a")),
        ("m{a=\"\\t\"} 1", 1, 6, .invalidEscape),
        ("# HELP m bad \\\" escape", 1, 14, .invalidEscape),
        ("# TYPE m countr", 1, 10, .invalidType("countr")),
        ("# TYPE m", 1, 9, .expected("a metric type")),
        ("# TYPE m counter\n# TYPE m gauge", 2, 1, .duplicateType("m")),
        ("# HELP m a\n# HELP m b", 2, 1, .duplicateHelp("m")),
        ("# TYPE m counter extra", 1, 18, .trailingText),
        ("# HELP", 1, 7, .invalidMetricName),
        ("m 1\r\n", 1, 4, .controlCharacter),
        ("m 1\nm\u{0} 1", 2, 2, .controlCharacter),
        ("ok 1\n\n{a=\"1\"} 1", 3, 1, .invalidMetricName),
        ("<html><body>502 Bad Gateway</body></html>", 1, 1, .invalidMetricName),
    ]

    @Test(arguments: corpus.indices)
    func rejectsWithPosition(index: Int) {
        let entry = Self.corpus[index]
        #expect(throws: PrometheusParseError(line: entry.line, column: entry.column, reason: entry.reason)) {
            try PrometheusParser().parse(entry.text)
        }
    }

    @Test func rejectsInvalidUTF8WithItsLine() {
        var bytes = Array("m 1\nm{a=\"".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\"} 1\n".utf8)
        #expect(throws: PrometheusParseError(line: 2, column: 1, reason: .invalidUTF8)) {
            try PrometheusParser().parse(bytes)
        }
    }

    @Test func errorMessageNamesPositionAndRemedy() {
        let error = PrometheusParseError(line: 3, column: 7, reason: .invalidValue("x"))
        #expect(error.description.hasPrefix("metrics line 3, column 7: invalid sample value \"x\""))
        #expect(error.description.contains("/metrics"))
    }
}
