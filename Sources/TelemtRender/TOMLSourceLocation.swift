/// A position in TOML source: 1-based line and column (columns count Unicode scalars) and the
/// 0-based byte offset.
public struct TOMLSourceLocation: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// 1-based line.
    public var line: Int
    /// 1-based column, in Unicode scalars.
    public var column: Int
    /// 0-based offset in the UTF-8 bytes.
    public var offset: Int

    /// Creates a location.
    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// Computes the line and column of a byte offset in `bytes`.
    public init(offset: Int, in bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { TOMLSourceLocation(offset: offset, in: $0) }
    }

    /// Computes the line and column of a byte offset in `bytes`.
    public init(offset: Int, in bytes: UnsafeBufferPointer<UInt8>) {
        var line = 1
        var column = 1
        for index in 0..<min(offset, bytes.count) {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        self.init(line: line, column: column, offset: offset)
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}
