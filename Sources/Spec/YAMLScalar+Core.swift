/// Resolution of plain scalars by the YAML 1.2 core schema: only `true`/`false` are booleans
/// (never `yes`, `no`, `on`, `off`), and only `null`, `~` and the empty scalar are null.
extension YAMLScalar {
    /// The type a scalar resolves to.
    enum CoreType: Equatable {
        case null
        case boolean(Bool)
        /// A core-schema integer; `nil` when it does not fit in `Int`.
        case integer(Int?)
        case float
        case string
    }

    /// The core-schema type of the scalar; quoted and block scalars are always strings.
    var coreType: CoreType {
        guard style == .plain else { return .string }
        // Most plain scalars are names and words: only these first bytes can start a non-string.
        if let first = text.utf8.first, !Self.nonStringStarts.contains(first) { return .string }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .boolean(true)
        case "false", "False", "FALSE": return .boolean(false)
        default: break
        }
        if let integer = Self.integerType(text) { return integer }
        return Self.isFloat(text) ? .float : .string
    }

    /// First bytes of null, booleans, integers and floats: `~ n N t T f F + - . 0-9`.
    private static let nonStringStarts: Set<UInt8> = Set("~nNtTfF+-.0123456789".utf8)

    /// What the scalar is, without its text (which may be a secret).
    var valueDescription: String {
        switch coreType {
        case .null: "an empty value"
        case .boolean: "a boolean"
        case .integer: "an integer"
        case .float: "a decimal number"
        case .string: style == .plain ? "a string" : "a quoted string"
        }
    }

    /// `.integer` for `[-+]?[0-9]+`, `0o[0-7]+` and `0x[0-9a-fA-F]+` (with `nil` on overflow), else `nil`.
    private static func integerType(_ text: String) -> CoreType? {
        var utf8 = Substring(text).utf8[...]
        var radix = 10
        var negative = false
        if utf8.first == UInt8(ascii: "-") || utf8.first == UInt8(ascii: "+") {
            negative = utf8.first == UInt8(ascii: "-")
            utf8 = utf8.dropFirst()
        } else if utf8.starts(with: "0x".utf8) || utf8.starts(with: "0o".utf8) {
            radix = utf8.starts(with: "0x".utf8) ? 16 : 8
            utf8 = utf8.dropFirst(2)
        }
        guard !utf8.isEmpty, utf8.allSatisfy({ digit($0, radix: radix) != nil }) else { return nil }
        var value = 0
        for byte in utf8 {
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: radix)
            let (next, overflowB) = shifted.addingReportingOverflow(digit(byte, radix: radix) ?? 0)
            if overflowA || overflowB { return .integer(nil) }
            value = next
        }
        return .integer(negative ? -value : value)
    }

    private static func digit(_ byte: UInt8, radix: Int) -> Int? {
        let value: Int
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): value = Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): value = Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): value = Int(byte - UInt8(ascii: "A")) + 10
        default: return nil
        }
        return value < radix ? value : nil
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?.inf` and `.nan` in their three spellings.
    private static func isFloat(_ text: String) -> Bool {
        var rest = Substring(text).utf8[...]
        let isSign: (UInt8?) -> Bool = { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
        if isSign(rest.first) { rest = rest.dropFirst() }
        if [".inf", ".Inf", ".INF"].contains(where: { rest.elementsEqual($0.utf8) })
            || [".nan", ".NaN", ".NAN"].contains(text) { return true }
        let isDigit: (UInt8) -> Bool = { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        let whole = rest.prefix(while: isDigit).count
        rest = rest.dropFirst(whole)
        var fraction = 0
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            fraction = rest.prefix(while: isDigit).count
            rest = rest.dropFirst(fraction)
        }
        guard whole + fraction > 0 else { return false }
        guard let exponentMark = rest.first else { return true }
        guard exponentMark | 0x20 == UInt8(ascii: "e") else { return false }
        rest = rest.dropFirst()
        if isSign(rest.first) { rest = rest.dropFirst() }
        return !rest.isEmpty && rest.allSatisfy(isDigit)
    }
}
