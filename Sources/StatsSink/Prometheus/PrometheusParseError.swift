/// Why a Prometheus text exposition was rejected, with the line and column of the problem.
///
/// Nothing from a rejected exposition is used: the parser never guesses.
public struct PrometheusParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What exactly was wrong.
    public enum Reason: Sendable, Equatable {
        /// The whole response is larger than ``PrometheusLimits/maxBytes``.
        case tooLarge(bytes: Int, limit: Int)
        /// One line is longer than ``PrometheusLimits/maxLineBytes``.
        case lineTooLong(limit: Int)
        /// More samples than ``PrometheusLimits/maxSamples``.
        case tooManySamples(limit: Int)
        /// More labels on one sample than ``PrometheusLimits/maxLabelsPerSample``.
        case tooManyLabels(limit: Int)
        /// A metric name was expected here.
        case invalidMetricName
        /// A label name was expected here.
        case invalidLabelName
        /// A specific character was expected here.
        case expected(String)
        /// A label value's closing quote is missing.
        case unterminatedLabelValue
        /// A backslash escape other than `\\`, `\"` (label values only) or `\n`.
        case invalidEscape
        /// The text is not valid UTF-8.
        case invalidUTF8
        /// The same label name twice on one sample.
        case duplicateLabel(String)
        /// The sample value is not a number, `NaN` or `±Inf`.
        case invalidValue(String)
        /// The timestamp is not a 64-bit integer of milliseconds.
        case invalidTimestamp(String)
        /// Unexpected text after the last token of the line.
        case trailingText
        /// A `# TYPE` line names an unknown type.
        case invalidType(String)
        /// A second `# TYPE` line for the same family.
        case duplicateType(String)
        /// A second `# HELP` line for the same family.
        case duplicateHelp(String)
        /// A control character (other than tab) inside a line.
        case controlCharacter
    }

    /// The 1-based line of the problem.
    public var line: Int
    /// The 1-based byte column of the problem within its line.
    public var column: Int
    /// What was wrong.
    public var reason: Reason

    /// Creates an error.
    public init(line: Int, column: Int, reason: Reason) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// A one-line message with the position, the problem and what to do.
    public var description: String {
        "metrics line \(line), column \(column): \(problem); the response is not valid Prometheus text, "
            + "check that the URL points at telemt's /metrics endpoint"
    }

    private var problem: String {
        switch reason {
        case .tooLarge(let bytes, let limit): "response of \(bytes) bytes exceeds the limit of \(limit) bytes"
        case .lineTooLong(let limit): "line longer than \(limit) bytes"
        case .tooManySamples(let limit): "more than \(limit) samples"
        case .tooManyLabels(let limit): "more than \(limit) labels on one sample"
        case .invalidMetricName: "expected a metric name"
        case .invalidLabelName: "expected a label name"
        case .expected(let what): "expected \(what)"
        case .unterminatedLabelValue: "label value has no closing quote"
        case .invalidEscape: "invalid escape sequence"
        case .invalidUTF8: "text is not valid UTF-8"
        case .duplicateLabel(let name): "label \"\(name)\" appears twice"
        case .invalidValue(let text): "invalid sample value \"\(text)\""
        case .invalidTimestamp(let text): "invalid timestamp \"\(text)\""
        case .trailingText: "unexpected text after the sample"
        case .invalidType(let text): "unknown metric type \"\(text)\""
        case .duplicateType(let name): "second TYPE line for \(name)"
        case .duplicateHelp(let name): "second HELP line for \(name)"
        case .controlCharacter: "control character in line"
        }
    }
}
