/// Why a JSON body was refused: where (byte offset, line and column) and what was expected there.
///
/// The texts are fixed phrases chosen by the reader, never bytes copied from the input: telemt's
/// answers carry every user's secret in its links, and none may end up in a log.
public struct JSONScanError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The offset of the offending byte from the start of the body (0-based).
    public var offset: Int
    /// The line of the offending byte (1-based; lines end at `\n`).
    public var line: Int
    /// The column of the offending byte in bytes (1-based).
    public var column: Int
    /// What the reader expected at that point, e.g. `a string` or `',' or '}'`.
    public var expected: String
    /// A description of what it found instead, e.g. `the end of the input` or `a letter`.
    public var found: String

    /// Creates an error.
    public init(offset: Int, line: Int, column: Int, expected: String, found: String) {
        self.offset = offset
        self.line = line
        self.column = column
        self.expected = expected
        self.found = found
    }

    /// Creates an error at `offset` of `bytes`, counting lines and columns up to it.
    init(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>, expected: String, found: String) {
        let clamped = min(max(0, offset), bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<clamped where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        self.init(offset: clamped, line: line, column: clamped - lineStart + 1, expected: expected, found: found)
    }

    /// `line L, column C (byte O): expected X, found Y`.
    public var description: String {
        "line \(line), column \(column) (byte \(offset)): expected \(expected), found \(found)"
    }

    /// A safe description of the byte at `offset`: structural characters are named, everything
    /// else only by its class, so that no part of a string's contents is ever shown.
    static func describe(byteAt offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard offset < bytes.count else { return "the end of the input" }
        let byte = bytes[offset]
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "\""):
            return "'\(Character(Unicode.Scalar(byte)))'"
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
            return "a number"
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return "a letter"
        case 0x20, 0x09, 0x0A, 0x0D:
            return "white space"
        case ..<0x20:
            return "a control character"
        case 0x80...:
            return "a non-ASCII byte"
        default:
            return "another character"
        }
    }
}
