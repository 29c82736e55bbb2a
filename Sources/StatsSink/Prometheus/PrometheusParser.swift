/// A strict, bounded parser for the Prometheus text exposition format (version 0.0.4).
///
/// It accepts everything the format allows: `# HELP` and `# TYPE` lines anywhere (telemt prints
/// them as a block before the samples), other comments, blank lines, several labels with escaped
/// values and a trailing comma, `NaN` and `±Inf`, exponents, optional millisecond timestamps and a
/// missing final newline. Anything else is rejected with its line and column; nothing is guessed.
public struct PrometheusParser: Sendable {
    /// The bounds applied to every exposition.
    public var limits: PrometheusLimits

    /// Creates a parser with the given bounds.
    public init(limits: PrometheusLimits = .default) {
        self.limits = limits
    }

    /// Parses an exposition given as text.
    public func parse(_ text: String) throws(PrometheusParseError) -> MetricsDocument {
        var text = text
        let result = text.withUTF8 { bytes in Result { () throws(PrometheusParseError) in try parse(bytes) } }
        return try result.get()
    }

    /// Parses an exposition given as raw bytes (as read from HTTP).
    public func parse(_ bytes: [UInt8]) throws(PrometheusParseError) -> MetricsDocument {
        let result = bytes.withUnsafeBufferPointer { buffer in Result { () throws(PrometheusParseError) in try parse(buffer) } }
        return try result.get()
    }

    private func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws(PrometheusParseError) -> MetricsDocument {
        guard buffer.count <= limits.maxBytes else {
            throw PrometheusParseError(line: 1, column: 1, reason: .tooLarge(bytes: buffer.count, limit: limits.maxBytes))
        }
        var state = ParseState(limits: limits)
        try state.parseAll(buffer)
        return state.document
    }
}

/// The mutable state of one parse: the document so far.
private struct ParseState {
    let limits: PrometheusLimits
    var document = MetricsDocument()
    /// Metric and label names seen so far: each is built once, not once per sample.
    var names = NameCache()

    init(limits: PrometheusLimits) {
        self.limits = limits
    }

    mutating func parseAll(_ bytes: UnsafeBufferPointer<UInt8>) throws(PrometheusParseError) {
        var start = 0
        var line = 1
        while start < bytes.count {
            let end = try lineEnd(bytes, from: start, line: line)
            var cursor = LineCursor(bytes: bytes, start: start, end: end, line: line)
            try parseLine(&cursor)
            start = end + 1
            line += 1
        }
    }

    /// Finds the end of the line starting at `start`, checking length, control bytes and UTF-8.
    private func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, line: Int) throws(PrometheusParseError) -> Int {
        var index = start
        var sawNonASCII = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A { break }
            if byte < 0x20, byte != 0x09 {
                throw PrometheusParseError(line: line, column: index - start + 1, reason: .controlCharacter)
            }
            sawNonASCII = sawNonASCII || byte >= 0x80
            index += 1
            if index - start > limits.maxLineBytes {
                throw PrometheusParseError(line: line, column: 1, reason: .lineTooLong(limit: limits.maxLineBytes))
            }
        }
        if sawNonASCII, String(validating: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self) == nil {
            throw PrometheusParseError(line: line, column: 1, reason: .invalidUTF8)
        }
        return index
    }

    private mutating func parseLine(_ cursor: inout LineCursor) throws(PrometheusParseError) {
        cursor.skipBlanks()
        guard let first = cursor.current else { return }
        if first == UInt8(ascii: "#") {
            try parseComment(&cursor)
        } else {
            guard document.samples.count < limits.maxSamples else {
                throw cursor.failure(.tooManySamples(limit: limits.maxSamples))
            }
            document.samples.append(try parseSample(&cursor))
        }
    }

    private mutating func parseComment(_ cursor: inout LineCursor) throws(PrometheusParseError) {
        cursor.position += 1
        cursor.skipBlanks()
        let keyword = cursor.string(cursor.readToken())
        guard keyword == "HELP" || keyword == "TYPE" else { return }
        cursor.skipBlanks()
        let name = cursor.string(try cursor.readName(label: false))
        let separated = cursor.skipBlanks()
        if keyword == "HELP" {
            guard cursor.atEnd || separated else { throw cursor.failure(.expected("a blank after the metric name")) }
            guard document.help[name] == nil else { throw cursor.failure(.duplicateHelp(name), at: cursor.lineStart) }
            document.help[name] = try cursor.readEscapedText(untilQuote: false)
            return
        }
        guard separated else { throw cursor.failure(.expected("a metric type")) }
        let typeRange = cursor.readToken()
        guard let type = MetricType(rawValue: cursor.string(typeRange)) else {
            throw cursor.failure(.invalidType(cursor.snippet(typeRange)), at: typeRange.lowerBound)
        }
        cursor.skipBlanks()
        guard cursor.atEnd else { throw cursor.failure(.trailingText) }
        guard document.types[name] == nil else { throw cursor.failure(.duplicateType(name), at: cursor.lineStart) }
        document.types[name] = type
    }

    private mutating func parseSample(_ cursor: inout LineCursor) throws(PrometheusParseError) -> MetricSample {
        let name = names.string(for: try cursor.readName(label: false), in: cursor.bytes)
        let separated = cursor.skipBlanks()
        var labels: [MetricLabel] = []
        if cursor.current == UInt8(ascii: "{") {
            cursor.position += 1
            labels = try parseLabels(&cursor)
            cursor.skipBlanks()
        } else if !separated {
            throw cursor.failure(.expected("a blank or '{' after the metric name"))
        }
        let valueRange = cursor.readToken()
        guard !valueRange.isEmpty else { throw cursor.failure(.expected("a sample value")) }
        guard let value = SampleValue.parse(cursor.bytes, valueRange) else {
            throw cursor.failure(.invalidValue(cursor.snippet(valueRange)), at: valueRange.lowerBound)
        }
        let integer = SampleValue.parseInteger(cursor.bytes, valueRange)
        var timestamp: Int64?
        if cursor.skipBlanks(), !cursor.atEnd {
            let stampRange = cursor.readToken()
            guard let stamp = SampleValue.parseTimestamp(cursor.bytes, stampRange) else {
                throw cursor.failure(.invalidTimestamp(cursor.snippet(stampRange)), at: stampRange.lowerBound)
            }
            timestamp = stamp
            cursor.skipBlanks()
        }
        guard cursor.atEnd else { throw cursor.failure(.trailingText) }
        return MetricSample(name: name, labels: labels, value: value, integer: integer, timestamp: timestamp, line: cursor.line)
    }

    private mutating func parseLabels(_ cursor: inout LineCursor) throws(PrometheusParseError) -> [MetricLabel] {
        var labels: [MetricLabel] = []
        while true {
            cursor.skipBlanks()
            if cursor.current == UInt8(ascii: "}") {
                cursor.position += 1
                return labels
            }
            guard labels.count < limits.maxLabelsPerSample else {
                throw cursor.failure(.tooManyLabels(limit: limits.maxLabelsPerSample))
            }
            let nameStart = cursor.position
            let name = names.string(for: try cursor.readName(label: true), in: cursor.bytes)
            cursor.skipBlanks()
            try cursor.expect(UInt8(ascii: "="), "'=' after the label name")
            cursor.skipBlanks()
            try cursor.expect(UInt8(ascii: "\""), "a quoted label value")
            let value = try cursor.readEscapedText(untilQuote: true)
            guard !labels.contains(where: { $0.name == name }) else {
                throw cursor.failure(.duplicateLabel(name), at: nameStart)
            }
            labels.append(MetricLabel(name: name, value: value))
            cursor.skipBlanks()
            switch cursor.current {
            case UInt8(ascii: ","): cursor.position += 1
            case UInt8(ascii: "}"): continue
            default: throw cursor.failure(.expected("',' or '}' after the label value"))
            }
        }
    }
}
