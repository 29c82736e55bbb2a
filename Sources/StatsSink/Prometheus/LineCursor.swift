/// A read position inside one line of an exposition; every failure carries the line and column.
///
/// Used only while the parser holds the bytes' buffer pointer, never stored.
struct LineCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    let lineStart: Int
    let end: Int
    let line: Int
    var position: Int

    init(bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, line: Int) {
        self.bytes = bytes
        self.lineStart = start
        self.end = end
        self.line = line
        self.position = start
    }

    var atEnd: Bool { position >= end }

    var current: UInt8? { position < end ? bytes[position] : nil }

    func failure(_ reason: PrometheusParseError.Reason, at offset: Int? = nil) -> PrometheusParseError {
        PrometheusParseError(line: line, column: (offset ?? position) - lineStart + 1, reason: reason)
    }

    /// Skips spaces and tabs; returns whether any were skipped.
    @discardableResult
    mutating func skipBlanks() -> Bool {
        let start = position
        while position < end, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
        return position > start
    }

    /// Consumes `byte` or fails saying what was expected.
    mutating func expect(_ byte: UInt8, _ what: String) throws(PrometheusParseError) {
        guard current == byte else { throw failure(.expected(what)) }
        position += 1
    }

    /// Reads a metric name (`[a-zA-Z_:][a-zA-Z0-9_:]*`) or a label name (no colons).
    mutating func readName(label: Bool) throws(PrometheusParseError) -> Range<Int> {
        let start = position
        while position < end, Self.isNameByte(bytes[position], first: position == start, label: label) {
            position += 1
        }
        guard position > start else { throw failure(label ? .invalidLabelName : .invalidMetricName) }
        return start..<position
    }

    /// Reads up to the next blank or the end of the line.
    mutating func readToken() -> Range<Int> {
        let start = position
        while position < end, bytes[position] != 0x20, bytes[position] != 0x09 { position += 1 }
        return start..<position
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// A short, printable excerpt of `range` for error messages (input is untrusted).
    func snippet(_ range: Range<Int>) -> String {
        let clipped = range.lowerBound..<min(range.upperBound, range.lowerBound + 32)
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[clipped]), as: UTF8.self)
        let printable = String(text.unicodeScalars.map { $0.properties.isWhitespace || $0.value < 0x20 ? "?" : Character($0) })
        return clipped.count < range.count ? printable + "…" : printable
    }

    static func isNameByte(_ byte: UInt8, first: Bool, label: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"): true
        case UInt8(ascii: ":"): !label
        case UInt8(ascii: "0")...UInt8(ascii: "9"): !first
        default: false
        }
    }
}
