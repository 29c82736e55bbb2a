import TestSupport
import Testing
@testable import StatsSink

@Suite struct PrometheusParserTests {
    let parser = PrometheusParser()

    @Test func parsesTelemtSample() throws {
        let document = try parser.parse(try Fixtures.telemtMetricsSample())
        #expect(document.types["telemt_user_octets_from_client"] == .counter)
        #expect(document.types["telemt_user_unique_ips_current"] == .gauge)
        #expect(document.help["telemt_uptime_seconds"] == "Proxy uptime")
        #expect(document.samples(named: "telemt_uptime_seconds").first?.value == 39062.1)
        let alice = document.samples(named: "telemt_user_octets_to_client").first { $0.label("user") == "alice" }
        #expect(alice?.value == 232_092_241_376)
        #expect(alice?.line == 32)
        let pick = try #require(document.samples(named: "telemt_me_writer_pick_total").first)
        #expect(pick.labels == [MetricLabel(name: "mode", value: "p2c"), MetricLabel(name: "result", value: "success_try")])
    }

    @Test func unescapesLabelValuesAndHelp() throws {
        let text = #"""
            # HELP m A \\ backslash\nand newline
            m{a="q\"uote",b="back\\slash",c="new\nline",d=""} 1
            """#
        let document = try parser.parse(text)
        let sample = try #require(document.samples.first)
        #expect(sample.label("a") == "q\"uote")
        #expect(sample.label("b") == "back\\slash")
        #expect(sample.label("c") == "new\nline")
        #expect(sample.label("d") == "")
        #expect(document.help["m"] == "A \\ backslash\nand newline")
    }

    @Test(arguments: [
        ("m NaN", Double.nan), ("m +Inf", .infinity), ("m -Inf", -.infinity), ("m inf", .infinity),
        ("m 1e3", 1000), ("m 1.5E-2", 0.015), ("m -0.25", -0.25), ("m .5", 0.5), ("m 5.", 5),
        ("m +7", 7), ("m 10000000000000000000", 1e19),
    ])
    func parsesValues(line: String, expected: Double) throws {
        let value = try #require(try parser.parse(line).samples.first?.value)
        #expect(value == expected || (value.isNaN && expected.isNaN))
    }

    @Test func acceptsTimestampsBlankLinesCommentsAndNoFinalNewline() throws {
        let text = "\n# just a comment\n  \nm{a=\"1\",} 2 1700000000000\n\tn 3 -5\t\nmetric:with:colons 4"
        let document = try parser.parse(text)
        #expect(document.samples.map(\.name) == ["m", "n", "metric:with:colons"])
        #expect(document.samples.map(\.timestamp) == [1_700_000_000_000, -5, nil])
        #expect(document.samples.map(\.line) == [4, 5, 6])
        #expect(document.samples[0].labels == [MetricLabel(name: "a", value: "1")])
    }

    @Test func acceptsTypeAfterSamplesAndSpacesInsideBraces() throws {
        let document = try parser.parse("m{ a = \"x\" , b=\"y\" } 1\n# TYPE m counter\nm2{} 3\n")
        #expect(document.types["m"] == .counter)
        #expect(document.samples[0].labels.count == 2)
        #expect(document.samples[1].labels.isEmpty)
    }

    @Test func enforcesSizeLimits() {
        let small = PrometheusParser(limits: PrometheusLimits(maxBytes: 64, maxLineBytes: 20, maxSamples: 2, maxLabelsPerSample: 1))
        #expect(throws: PrometheusParseError(line: 1, column: 1, reason: .tooLarge(bytes: 65, limit: 64))) {
            try small.parse(String(repeating: "m 1\n", count: 16) + "x")
        }
        #expect(throws: PrometheusParseError(line: 2, column: 1, reason: .lineTooLong(limit: 20))) {
            try small.parse("m 1\nlong_metric_name_here 1\n")
        }
        #expect(throws: PrometheusParseError(line: 3, column: 1, reason: .tooManySamples(limit: 2))) {
            try small.parse("m 1\nm 2\nm 3\n")
        }
        #expect(throws: PrometheusParseError(line: 1, column: 9, reason: .tooManyLabels(limit: 1))) {
            try small.parse("m{a=\"1\",b=\"2\"} 1")
        }
    }

    /// Property: whatever bytes arrive, the parser returns or throws with a line inside the input.
    @Test func neverCrashesOnRandomBytes() {
        var generator = SeededGenerator(seed: 7)
        let alphabet = Array("m_{}=\",. \t\n#\\01eE+-NaInf\u{7f}é".utf8)
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0...80, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let lines = bytes.split(separator: 10, omittingEmptySubsequences: false).count
            do {
                _ = try parser.parse(bytes)
            } catch {
                #expect((1...lines).contains(error.line))
                #expect(error.column >= 1)
            }
        }
    }
}
