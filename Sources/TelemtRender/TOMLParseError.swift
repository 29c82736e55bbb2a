/// Why TOML source could not be parsed, where (line:column) and what to do about it.
public struct TOMLParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of malformed TOML the parser reports.
    public enum Code: String, Sendable, Equatable {
        case invalidUTF8, tooLarge, tooDeeplyNested, tooManyNodes
        case controlCharacter, expectedNewline, expectedEquals, expectedKey, expectedValue
        case invalidBareKey, unterminatedString, invalidEscape, newlineInString
        case invalidNumber, integerOverflow, invalidDateTime
        case unterminatedArray, unterminatedInlineTable, newlineInInlineTable, trailingCommaInInlineTable
        case invalidTableHeader
        case duplicateKey, tableRedefined, keyRedefinesTable, notATable, appendToStaticArray, inlineTableExtended
    }

    /// What went wrong.
    public var code: Code
    /// Where it went wrong.
    public var location: TOMLSourceLocation
    /// What went wrong, in words, naming the key or token involved.
    public var message: String
    /// What to do about it.
    public var hint: String

    /// Creates an error.
    public init(code: Code, location: TOMLSourceLocation, message: String, hint: String) {
        self.code = code
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// 1-based line.
    public var line: Int { location.line }
    /// 1-based column.
    public var column: Int { location.column }

    /// `line:column: message; hint`.
    public var description: String { "\(location): \(message); \(hint)" }
}
