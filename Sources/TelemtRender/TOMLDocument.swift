/// A parsed TOML 1.0 document: the value tree plus the byte ranges of each section of the
/// source, so that one table can be replaced while every other byte is kept.
///
/// ```swift
/// let document = try TOMLDocument(parsing: text)
/// let port = document.root.value(at: ["server", "port"])?.integerValue
/// ```
public struct TOMLDocument: Sendable {
    /// The largest source accepted by default (64 MiB; a 100k-user config is about 7 MB).
    public static let defaultMaximumSize = 64 << 20

    /// The root table.
    public let root: TOMLTable
    /// The root section followed by one section per `[header]` / `[[header]]`, in source order.
    public let sections: [TOMLSection]
    /// The source, as UTF-8 bytes.
    public let bytes: [UInt8]

    /// Parses UTF-8 bytes.
    /// - Throws: ``TOMLParseError`` with the line and column of the first problem.
    public init(parsing bytes: [UInt8], maximumSize: Int = TOMLDocument.defaultMaximumSize) throws(TOMLParseError) {
        guard bytes.count <= maximumSize else {
            throw TOMLParseError(
                code: .tooLarge, location: TOMLSourceLocation(line: 1, column: 1, offset: 0),
                message: "the document is \(bytes.count) bytes, more than the limit of \(maximumSize)",
                hint: "split the configuration or raise the size limit")
        }
        let result = bytes.withUnsafeBufferPointer { buffer -> Result<(TOMLTable, [TOMLSection]), TOMLParseError> in
            var parser = TOMLParser(bytes: buffer)
            do throws(TOMLParseError) {
                return .success(try parser.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        (root, sections) = try result.get()
        self.bytes = bytes
    }

    init(root: TOMLTable, sections: [TOMLSection], bytes: [UInt8]) {
        self.root = root
        self.sections = sections
        self.bytes = bytes
    }

    /// Parses a string.
    /// - Throws: ``TOMLParseError`` with the line and column of the first problem.
    public init(parsing text: String, maximumSize: Int = TOMLDocument.defaultMaximumSize) throws(TOMLParseError) {
        try self.init(parsing: Array(text.utf8), maximumSize: maximumSize)
    }

    /// The value at a key path, e.g. `["server", "api", "enabled"]`.
    public subscript(path: [String]) -> TOMLValue? {
        root.value(at: path)
    }

    /// Line and column of a byte offset.
    public func location(ofOffset offset: Int) -> TOMLSourceLocation {
        TOMLSourceLocation(offset: offset, in: bytes)
    }

    /// The sections whose header is exactly `path` (several for an array of tables).
    public func sections(at path: [String]) -> [TOMLSection] {
        sections.filter { $0.path == path && !$0.headerRange.isEmpty }
    }
}
