/// A pull reader of strict JSON (RFC 8259) over bytes in memory, for telemt's API answers.
///
/// The caller walks the document with ``readObject(_:)``, ``readArray(_:)`` and the typed reads;
/// whatever it does not read is validated by ``skipValue()`` without being stored. Strings are
/// checked for valid UTF-8 and escapes (including `\u` escapes of four hex digits and their surrogate pairs), numbers against the
/// JSON grammar; nesting is bounded by ``Limits/maxDepth`` and strings by ``Limits/maxStringBytes``.
/// Errors carry the position and never any input text (see ``JSONScanError``).
///
/// The scanner borrows the bytes: use it only inside ``scan(_:limits:_:)``.
struct JSONScanner {
    /// Bounds on the input's structure.
    struct Limits: Sendable, Equatable {
        /// The deepest nesting of arrays and objects accepted.
        var maxDepth = 64
        /// The longest string accepted, in bytes as written (escapes included).
        var maxStringBytes = 1 << 20
    }

    /// The kind of the next value.
    enum ValueKind: Equatable {
        case object, array, string, number, bool, null
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let limits: Limits
    /// The offset of the next unread byte.
    var index = 0
    private var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, limits: Limits = Limits()) {
        self.bytes = bytes
        self.limits = limits
    }

    /// Runs `body` on a scanner over `bytes`, then checks that only white space follows.
    static func scan<Result>(
        _ bytes: [UInt8], limits: Limits = Limits(), _ body: (inout JSONScanner) throws(JSONScanError) -> Result
    ) throws(JSONScanError) -> Result {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONScanError) -> Result in
            var scanner = JSONScanner(buffer, limits: limits)
            let result = try body(&scanner)
            try scanner.finish()
            return result
        }
    }

    /// An error at `offset` (default: the next byte) describing what was there.
    func failure(expected: String, found: String? = nil, at offset: Int? = nil) -> JSONScanError {
        let position = offset ?? index
        return JSONScanError(
            at: position, in: bytes, expected: expected, found: found ?? JSONScanError.describe(byteAt: position, in: bytes))
    }

    /// Checks that nothing but white space is left.
    mutating func finish() throws(JSONScanError) {
        skipWhitespace()
        guard index == bytes.count else { throw failure(expected: "the end of the input") }
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            index += 1
        }
    }

    /// The kind of the next value, after white space; nothing is consumed.
    mutating func peekKind() throws(JSONScanError) -> ValueKind {
        skipWhitespace()
        guard index < bytes.count else { throw failure(expected: "a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        default: throw failure(expected: "a value")
        }
    }

    /// Reads an object, calling `body` once per member with the scanner positioned at its value.
    /// A member whose value `body` leaves unread is skipped (validated, not stored).
    mutating func readObject(
        _ body: (inout JSONScanner, JSONKey) throws(JSONScanError) -> Void
    ) throws(JSONScanError) {
        try readContainer(UInt8(ascii: "{"), UInt8(ascii: "}"), "an object") { (scanner) throws(JSONScanError) in
            let key = try scanner.readKey()
            scanner.skipWhitespace()
            guard scanner.consume(UInt8(ascii: ":")) else { throw scanner.failure(expected: "':'") }
            scanner.skipWhitespace()
            let valueStart = scanner.index
            try body(&scanner, key)
            if scanner.index == valueStart { try scanner.skipValue() }
        }
    }

    /// Reads an array, calling `body` once per element with the scanner positioned at it.
    /// An element that `body` leaves unread is skipped.
    mutating func readArray(_ body: (inout JSONScanner) throws(JSONScanError) -> Void) throws(JSONScanError) {
        try readContainer(UInt8(ascii: "["), UInt8(ascii: "]"), "an array") { (scanner) throws(JSONScanError) in
            let valueStart = scanner.index
            try body(&scanner)
            if scanner.index == valueStart { try scanner.skipValue() }
        }
    }

    /// Reads `open`, elements separated by `,` (each read by `element`), and `close`, within the depth limit.
    private mutating func readContainer(
        _ open: UInt8, _ close: UInt8, _ name: String, element: (inout JSONScanner) throws(JSONScanError) -> Void
    ) throws(JSONScanError) {
        try enter(open, name)
        defer { depth -= 1 }
        skipWhitespace()
        if consume(close) { return }
        while true {
            skipWhitespace()
            try element(&self)
            skipWhitespace()
            if consume(close) { return }
            guard consume(UInt8(ascii: ",")) else {
                throw failure(expected: "',' or '\(Character(Unicode.Scalar(close)))'")
            }
        }
    }

    /// Validates the next value of any kind and moves past it, storing nothing.
    mutating func skipValue() throws(JSONScanError) {
        switch try peekKind() {
        case .object: try readObject { _, _ throws(JSONScanError) in }
        case .array: try readArray { _ throws(JSONScanError) in }
        case .string: _ = try scanString()
        case .number: _ = try scanNumber()
        case .bool: _ = try readBool()
        case .null: guard readNull() else { throw failure(expected: "null") }
        }
    }

    /// Reads `true` or `false`.
    mutating func readBool() throws(JSONScanError) -> Bool {
        skipWhitespace()
        if matchLiteral("true") { return true }
        if matchLiteral("false") { return false }
        throw failure(expected: "true or false")
    }

    /// Consumes `null` and returns `true` when it is next; otherwise consumes nothing.
    mutating func readNull() -> Bool {
        skipWhitespace()
        return matchLiteral("null")
    }

    private mutating func matchLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<count where bytes[index + offset] != pointer[offset] { return false }
        index += count
        return true
    }

    private mutating func enter(_ opening: UInt8, _ name: String) throws(JSONScanError) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == opening else { throw failure(expected: name) }
        guard depth < limits.maxDepth else {
            throw failure(expected: "at most \(limits.maxDepth) nested arrays and objects", found: "a deeper one")
        }
        depth += 1
        index += 1
    }

    @inline(__always)
    private mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }
}
