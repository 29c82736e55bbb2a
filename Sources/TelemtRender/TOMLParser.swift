/// A TOML 1.0 parser over UTF-8 bytes: a hand-written lexer and recursive-descent parser that
/// also records each section's byte ranges (see ``TOMLSection``).
///
/// Used by ``TOMLDocument``; the buffer must outlive the parser (it is used inside
/// `withUnsafeBufferPointer`).
struct TOMLParser {
    static let maximumDepth = 100

    let bytes: UnsafeBufferPointer<UInt8>
    var pos = 0
    var builder = TOMLTableBuilder()
    var sections: [TOMLSection] = []
    var depth = 0
    /// What this document may build (see ``TOMLParseBudget``).
    var budget: TOMLParseBudget
    var nodeCount = 0
    /// Arrays built so far (tables are counted by the builder).
    var containerCount = 0
    var nextInlineScope = -1
    /// Header paths whose tables are read by the strict capture reader (see `TOMLParser+Capture`).
    var capturePaths: [[String]] = []
    /// One slot per capture path: the table's entries, if the header was found.
    var captures: [TOMLCapturedTable?] = []
    /// Set when a captured table holds something the strict reader does not accept; the caller
    /// then parses again without capturing.
    var captureAbandoned = false

    init(bytes: UnsafeBufferPointer<UInt8>, budget: TOMLParseBudget? = nil) {
        self.bytes = bytes
        self.budget = budget ?? TOMLParseBudget(sourceSize: bytes.count)
    }

    // MARK: - Document

    mutating func parseDocument() throws(TOMLParseError) -> (TOMLTable, [TOMLSection]) {
        try Self.validateUTF8(bytes)
        sections = [TOMLSection(path: [], isArrayElement: false, range: 0..<bytes.count, headerRange: 0..<0, bodyEnd: 0)]
        var table = TOMLTableBuilder.root
        var lineStart = 0
        while true {
            skipSpaces()
            guard pos < bytes.count else { break }
            switch bytes[pos] {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "#"):
                try consumeLineEnd()
            case UInt8(ascii: "["):
                table = try parseHeaderLine(lineStart: lineStart)
                if !capturePaths.isEmpty, let slot = captureSlot(for: sections[sections.count - 1]) {
                    lineStart = try captureBody(slot: slot, table: table)
                    if captureAbandoned { return (TOMLTable(), sections) }
                    continue
                }
            default:
                try parseKeyValue(into: table, scope: sections.count - 1)
                try consumeLineEnd()
                sections[sections.count - 1].bodyEnd = pos
            }
            lineStart = pos
        }
        if !capturePaths.isEmpty {
            finishCaptures()
            if captureAbandoned { return (TOMLTable(), sections) }
        }
        return (builder.materialize(), sections)
    }

    private mutating func parseHeaderLine(lineStart: Int) throws(TOMLParseError) -> Int {
        let start = pos
        pos += 1
        let isArray = pos < bytes.count && bytes[pos] == UInt8(ascii: "[")
        if isArray { pos += 1 }
        skipSpaces()
        let path = try parseKeyPath()
        skipSpaces()
        for _ in 0..<(isArray ? 2 : 1) {
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: "]") else {
                throw error(.invalidTableHeader, at: pos, "table header is not closed with \(isArray ? "]]" : "]")",
                            "write the header as [name] or [[name]] on one line")
            }
            pos += 1
        }
        let table: Int
        do {
            table = try builder.openHeader(path, isArray: isArray, scope: sections.count)
        } catch {
            throw self.error(error.code, at: start, error.message, error.hint)
        }
        try checkContainers(at: start)
        try consumeLineEnd()
        sections[sections.count - 1].range = sections[sections.count - 1].range.lowerBound..<lineStart
        sections.append(TOMLSection(
            path: path, isArrayElement: isArray, range: lineStart..<bytes.count,
            headerRange: lineStart..<pos, bodyEnd: pos))
        return table
    }

    private mutating func parseKeyValue(into table: Int, scope: Int) throws(TOMLParseError) {
        let start = pos
        let path = try parseKeyPath()
        skipSpaces()
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "=") else {
            throw error(.expectedEquals, at: pos, "expected '=' after the key",
                        "write key = value; quote keys that contain spaces or dots")
        }
        pos += 1
        skipSpaces()
        let node = try parseValue()
        do {
            try builder.insert(path, node, into: table, scope: scope)
        } catch {
            throw self.error(error.code, at: start, error.message, error.hint)
        }
        try checkContainers(at: start)
        if scope >= 0 { sections[scope].entryOffsets.append(start) }
    }

    // MARK: - Keys

    /// A key, possibly dotted: `a`, `"a b".c`, `'x'.y`.
    mutating func parseKeyPath() throws(TOMLParseError) -> [String] {
        var path = [try parseSimpleKey()]
        while true {
            let save = pos
            skipSpaces()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: ".") else {
                pos = save
                break
            }
            pos += 1
            skipSpaces()
            path.append(try parseSimpleKey())
            if path.count > Self.maximumDepth {
                throw error(.tooDeeplyNested, at: pos, "key has more than \(Self.maximumDepth) parts",
                            "use shorter dotted keys")
            }
        }
        return path
    }

    private mutating func parseSimpleKey() throws(TOMLParseError) -> String {
        guard pos < bytes.count else {
            throw error(.expectedKey, at: pos, "expected a key at the end of the input", "complete or remove the last line")
        }
        switch bytes[pos] {
        case UInt8(ascii: "\""):
            if startsWith(#"""""#) {
                throw error(.invalidBareKey, at: pos, "a multi-line string cannot be a key", "use a \"quoted\" key")
            }
            return try parseBasicString()
        case UInt8(ascii: "'"):
            if startsWith("'''") {
                throw error(.invalidBareKey, at: pos, "a multi-line string cannot be a key", "use a 'quoted' key")
            }
            return try parseLiteralString()
        default:
            let start = pos
            while pos < bytes.count, TOMLEncoding.isBareKeyByte(bytes[pos]) { pos += 1 }
            guard pos > start else {
                throw error(.invalidBareKey, at: pos, "expected a key, found \(describeByte(at: pos))",
                            "bare keys use A-Z a-z 0-9 _ -; quote any other key")
            }
            return string(start..<pos)
        }
    }

    // MARK: - Whitespace, comments, newlines

    mutating func skipSpaces() {
        while pos < bytes.count, bytes[pos] == UInt8(ascii: " ") || bytes[pos] == UInt8(ascii: "\t") { pos += 1 }
    }

    /// Skips spaces and an optional comment, then requires a newline or the end of input.
    mutating func consumeLineEnd() throws(TOMLParseError) {
        skipSpaces()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "#") { try skipComment() }
        guard pos < bytes.count else { return }
        if bytes[pos] == UInt8(ascii: "\n") {
            pos += 1
        } else if bytes[pos] == UInt8(ascii: "\r"), pos + 1 < bytes.count, bytes[pos + 1] == UInt8(ascii: "\n") {
            pos += 2
        } else {
            throw error(.expectedNewline, at: pos, "expected a new line, found \(describeByte(at: pos))",
                        "put one key/value pair or header per line; quote strings")
        }
    }

    mutating func skipComment() throws(TOMLParseError) {
        pos += 1
        while pos < bytes.count {
            let byte = bytes[pos]
            if byte == UInt8(ascii: "\n") { return }
            if byte == UInt8(ascii: "\r"), pos + 1 < bytes.count, bytes[pos + 1] == UInt8(ascii: "\n") { return }
            if (byte < 0x20 && byte != UInt8(ascii: "\t")) || byte == 0x7F {
                throw error(.controlCharacter, at: pos, "control character U+\(hex(byte)) in a comment",
                            "remove the control character")
            }
            pos += 1
        }
    }

    /// Skips whitespace, newlines and comments (inside arrays).
    mutating func skipTrivia() throws(TOMLParseError) {
        while pos < bytes.count {
            switch bytes[pos] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"): pos += 1
            case UInt8(ascii: "\r"): try consumeLineEnd()
            case UInt8(ascii: "#"): try skipComment()
            default: return
            }
        }
    }

    // MARK: - Helpers

    func startsWith(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard pos + count <= bytes.count else { return false }
        let start = literal.utf8Start
        for index in 0..<count where bytes[pos + index] != start[index] { return false }
        return true
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    func describeByte(at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the input" }
        let byte = bytes[offset]
        if byte >= 0x21, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        if byte == UInt8(ascii: " ") { return "a space" }
        return "byte 0x\(hex(byte))"
    }

    func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "000" + digits : "00" + digits
    }

    func error(_ code: TOMLParseError.Code, at offset: Int, _ message: String, _ hint: String) -> TOMLParseError {
        TOMLParseError(
            code: code, location: TOMLSourceLocation(offset: min(offset, bytes.count), in: bytes),
            message: message, hint: hint)
    }
}
