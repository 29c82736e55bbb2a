/// Reads a small YAML file into a ``YAMLNode`` tree, every problem reported at its position.
///
/// Bounded for untrusted input: at most ``maximumBytes`` bytes, ``maximumDepth`` levels of nesting
/// and ``maximumNodes`` nodes; anchors, aliases, explicit tags, complex keys, duplicate keys and
/// more than one document are refused.
public struct YAMLTreeParser: Sendable {
    /// The largest file read.
    public var maximumBytes: Int
    /// The deepest nesting of mappings and lists.
    public var maximumDepth: Int
    /// The most nodes in one file.
    public var maximumNodes: Int

    /// Creates a parser with bounds that fit a configuration file.
    public init(maximumBytes: Int = 1 << 20, maximumDepth: Int = 32, maximumNodes: Int = 100_000) {
        self.maximumBytes = maximumBytes
        self.maximumDepth = maximumDepth
        self.maximumNodes = maximumNodes
    }

    /// The document's root node, or nil for an empty file (only comments or nothing).
    public func parse(_ bytes: [UInt8], file: String) throws(SpecValidationError) -> YAMLNode? {
        guard bytes.count <= maximumBytes else {
            throw Self.error(file, 1, 1, "the file is \(bytes.count) bytes, over the limit of \(maximumBytes)",
                             hint: "this is not the file you meant, or split it")
        }
        let result: Result<YAMLNode?, SpecValidationError> = bytes.withUnsafeBufferPointer { buffer in
            if let (line, column) = NestingGuard.firstExcess(in: buffer) {
                return .failure(Self.error(file, line, column, "too deeply nested", hint: "a configuration file nests a few levels"))
            }
            var builder = YAMLTreeBuilder(reader: YAMLEventReader(input: buffer), file: file, limits: self)
            do throws(SpecValidationError) {
                return .success(try builder.document())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    static func error(_ file: String, _ line: Int, _ column: Int, _ message: String, hint: String? = nil) -> SpecValidationError {
        SpecValidationError(diagnostics: [SpecDiagnostic(.error, at: SourceLocation(file: file, line: line, column: column), message, hint: hint)])
    }
}
