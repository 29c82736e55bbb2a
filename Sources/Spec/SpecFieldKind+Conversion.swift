import Foundation

extension SpecFieldKind {
    /// Checks a scalar against the kind and converts it; never echoes a secret.
    func convert(_ scalar: YAMLScalar) throws(ValueProblem) -> FieldValue {
        switch self {
        case .integer(let range): return .integer(try Self.integer(scalar, in: range))
        case .text(let maxLength):
            let text = try Self.text(scalar)
            guard text.utf8.count <= maxLength || text.count <= maxLength else {
                throw ValueProblem("the text is \(text.count) characters long", hint: "shorten it to at most \(maxLength)")
            }
            return .text(text)
        case .host: return .text(try HostName.validateHost(Self.text(scalar)))
        case .dnsName: return .text(try HostName.validateDNSName(Self.text(scalar)))
        case .timeZone: return .text(try Self.timeZone(Self.text(scalar)))
        case .boolean: return .boolean(try Self.boolean(scalar))
        case .size: return .limit(try Self.size(scalar))
        case .choice(let words): return .text(try Self.choice(Self.text(scalar), among: words))
        case .expiry: return .expiry(try ExpiryValue(parsing: Self.text(scalar)))
        case .duration: return .duration(try Self.duration(scalar))
        case .secret: return .text(try Self.secret(scalar))
        case .name: return .text(try Self.name(Self.text(scalar)))
        case .names, .nodeSelection: throw ValueProblem("expected \(expectation), found \(scalar.valueDescription)")
        case .section: throw ValueProblem("expected a mapping, found \(scalar.valueDescription)")
        }
    }

    private static func integer(_ scalar: YAMLScalar, in range: ClosedRange<Int>) throws(ValueProblem) -> Int {
        switch scalar.coreType {
        case .integer(let value?) where range.contains(value):
            return value
        case .integer:
            let bound = range.upperBound == Int.max ? "at least \(range.lowerBound)"
                : range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "between \(range.lowerBound) and \(range.upperBound)"
            throw ValueProblem("`\(scalar.text.clipped)` is out of range", hint: "write \(bound)")
        case .string where scalar.style != .plain && Int(scalar.text) != nil:
            throw ValueProblem("expected an integer, found a quoted string", hint: "remove the quotes")
        default:
            throw ValueProblem("expected an integer, found \(scalar.valueDescription)", hint: "write a whole number")
        }
    }

    /// Text; plain numbers, `true`, `false` and empty values are refused (the schema says `string` too).
    private static func text(_ scalar: YAMLScalar) throws(ValueProblem) -> String {
        if scalar.style == .plain, let first = scalar.text.utf8.first, numberStarts.contains(first) {
            switch scalar.coreType {
            case .integer, .float:
                throw ValueProblem("expected text, found a number", hint: "quote it if you mean the text: `\"\(scalar.text.clipped)\"`")
            default: break
            }
        }
        // Only null and booleans are refused, and only a plain scalar starting with one of these can be one.
        guard scalar.style == .plain, scalar.text.utf8.first.map({ Self.nullOrBooleanStarts.contains($0) }) ?? true else {
            return scalar.text
        }
        switch scalar.coreType {
        case .null: throw ValueProblem("the value is empty", hint: "write a value or remove the key")
        case .boolean: throw ValueProblem("expected text, found a boolean", hint: "quote it if you mean the word")
        default: return scalar.text
        }
    }

    private static let numberStarts: Set<UInt8> = Set("0123456789+-.".utf8)

    private static let nullOrBooleanStarts: Set<UInt8> = Set("~nNtTfF".utf8)

    private static func boolean(_ scalar: YAMLScalar) throws(ValueProblem) -> Bool {
        if case .boolean(let value) = scalar.coreType { return value }
        let yamlOneOne = ["yes", "no", "on", "off", "y", "n"]
        if scalar.style == .plain, yamlOneOne.contains(scalar.text.lowercased()) {
            let meant = ["yes", "on", "y"].contains(scalar.text.lowercased())
            throw ValueProblem("`\(scalar.text.clipped)` is not a boolean in YAML 1.2", hint: "write `\(meant)`")
        }
        throw ValueProblem("expected true or false, found \(scalar.valueDescription)", hint: "write `true` or `false`")
    }

    /// A size; 0 is refused, because it could mean "no limit" as well as "no traffic".
    private static func size(_ scalar: YAMLScalar) throws(ValueProblem) -> DataLimit {
        let limit = try anySize(scalar)
        guard limit != .bytes(0) else {
            throw ValueProblem("a limit of 0 bytes is ambiguous",
                               hint: "write `unlimited` for no limit, or `disabled: true` to let no traffic through")
        }
        return limit
    }

    private static func anySize(_ scalar: YAMLScalar) throws(ValueProblem) -> DataLimit {
        // The common case, a number then a unit (`50 GiB`), needs no core-schema resolution.
        let startsWithDigit = scalar.text.utf8.first.map { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } ?? false
        if scalar.style == .plain, startsWithDigit, scalar.text.utf8.contains(where: { $0 >= UInt8(ascii: "A") }) {
            return try DataLimit(parsing: scalar.text)
        }
        switch scalar.coreType {
        case .integer(let value?) where value >= 0: return .bytes(UInt64(value))
        case .integer(let value?) where value < 0: throw ValueProblem("a size cannot be negative", hint: "write a size above 0, or `unlimited`")
        case .float: throw ValueProblem("`\(scalar.text.clipped)` has no unit", hint: "add a unit, like `\(scalar.text.clipped) GiB`")
        case .integer: return try DataLimit(parsing: scalar.text)  // beyond Int: DataLimit says how large
        default: return try DataLimit(parsing: text(scalar))
        }
    }

    private static func duration(_ scalar: YAMLScalar) throws(ValueProblem) -> SpecDuration {
        if case .integer = scalar.coreType {
            throw ValueProblem("`\(scalar.text.clipped)` has no unit", hint: "add one of s, m, h, d, w, like `\(scalar.text.clipped)d`")
        }
        return try SpecDuration(parsing: text(scalar))
    }

    private static func choice(_ text: String, among words: [String]) throws(ValueProblem) -> String {
        guard words.contains(text) else {
            let hint = Suggestion.closest(to: text, among: words).map { "did you mean `\($0)`?" }
            throw ValueProblem("`\(text.clipped)` is not one of \(words.joined(separator: ", "))", hint: hint)
        }
        return text
    }

    private static func name(_ text: String) throws(ValueProblem) -> String {
        guard SpecDocumentParser.isValidName(text) else {
            throw ValueProblem("`\(text.clipped)` is not a valid name", hint: "use 1 to 64 letters, digits, `_`, `.` or `-`")
        }
        return text
    }

    private static func timeZone(_ identifier: String) throws(ValueProblem) -> String {
        if let problem = TimeZoneName.problem(with: identifier) {
            throw ValueProblem(problem.message, hint: problem.hint)
        }
        return identifier
    }

    /// Exactly 32 hex digits, lowercased. The value never appears in a message.
    private static func secret(_ scalar: YAMLScalar) throws(ValueProblem) -> String {
        let text = try text(scalar)
        guard text.utf8.count == 32, text.utf8.allSatisfy({ $0 < 128 && Character(Unicode.Scalar($0)).isHexDigit }) else {
            throw ValueProblem("a secret must be exactly 32 hexadecimal digits (this one is not; its value is not shown)",
                               hint: "remove `secret:` to use the derived secret")
        }
        return text.lowercased()
    }
}

extension SpecFieldKind {
    /// What a value of this kind looks like, for "expected …" messages.
    var expectation: String {
        switch self {
        case .integer: "an integer"
        case .text: "text"
        case .host: "a host name or IP address"
        case .dnsName: "a DNS name"
        case .timeZone: "an IANA time zone name"
        case .boolean: "true or false"
        case .size: "a size like `50 GiB` or `unlimited`"
        case .choice(let words): "one of \(words.joined(separator: ", "))"
        case .expiry: "a date like `2027-01-01` or an RFC 3339 timestamp"
        case .duration: "a duration like `30d`"
        case .secret: "32 hexadecimal digits"
        case .name: "a name"
        case .names: "a list of names"
        case .nodeSelection: "a list of node names or `{ labels: [...] }`"
        case .section: "a mapping"
        }
    }
}
