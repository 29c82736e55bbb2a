/// A position in a spec file: 1-based line and column, as editors and compilers print them.
public struct SourceLocation: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The file path as given to the loader (relative paths stay relative).
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column number.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// A placeholder for values not read from a file.
    public static let unknown = SourceLocation(file: "<unknown>", line: 0, column: 0)

    /// `file:line:col`.
    public var description: String { "\(file):\(line):\(column)" }
}
