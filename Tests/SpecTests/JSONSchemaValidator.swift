import Foundation

/// A JSON value, as the generator builds it (so that its JSON type is never in doubt).
indirect enum JSONNode {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case object([(String, JSONNode)])

    /// The JSON text (also valid YAML, which the loader reads).
    var text: String {
        switch self {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .int(let value): "\(value)"
        case .double(let value): "\(value)"
        case .string(let value): Self.quoted(value)
        case .object(let members): "{" + members.map { Self.quoted($0.0) + ": " + $0.1.text }.joined(separator: ", ") + "}"
        }
    }

    private static func quoted(_ text: String) -> String {
        let data = try? JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed, .withoutEscapingSlashes])
        let array = data.map { String(decoding: $0, as: UTF8.self) } ?? "[\"\"]"
        return String(array.dropFirst().dropLast())
    }
}

/// A validator for the subset of JSON Schema (draft 2020-12) that ``SpecSchema`` emits: `type`, `const`,
/// `enum`, `minimum`, `maximum`, `minLength`, `maxLength`, `pattern`, `properties`, `required`,
/// `additionalProperties`, `propertyNames`, `anyOf`, `not` and local `$ref`s. Unknown keywords fail loudly.
struct JSONSchemaValidator {
    let root: [String: Any]

    init(_ schemaText: String) throws {
        root = try JSONSerialization.jsonObject(with: Data(schemaText.utf8)) as? [String: Any] ?? [:]
    }

    func accepts(_ instance: JSONNode) -> Bool {
        validate(instance, against: root)
    }

    private static let annotations: Set<String> = ["$schema", "$id", "title", "description", "examples", "default", "$defs"]

    private func validate(_ value: JSONNode, against schema: [String: Any]) -> Bool {
        schema.allSatisfy { keyword, argument in
            Self.annotations.contains(keyword) || check(keyword, argument, value, schema)
        }
    }

    private func check(_ keyword: String, _ argument: Any, _ value: JSONNode, _ schema: [String: Any]) -> Bool {
        switch keyword {
        case "type": return Self.types(argument).contains { Self.hasType(value, $0) }
        case "const": return Self.equal(value, argument)
        case "enum": return (argument as? [Any] ?? []).contains { Self.equal(value, $0) }
        case "minimum": return Self.number(value).map { $0 >= (argument as! NSNumber).doubleValue } ?? true
        case "maximum": return Self.number(value).map { $0 <= (argument as! NSNumber).doubleValue } ?? true
        case "minLength": return Self.string(value).map { $0.unicodeScalars.count >= argument as! Int } ?? true
        case "maxLength": return Self.string(value).map { $0.unicodeScalars.count <= argument as! Int } ?? true
        case "pattern": return Self.string(value).map { Self.matches($0, argument as! String) } ?? true
        case "required": return Self.members(value).map { members in (argument as! [String]).allSatisfy { key in members.contains { $0.0 == key } } } ?? true
        case "properties", "additionalProperties": return checkProperties(value, schema)
        case "propertyNames":
            return Self.members(value).map { $0.allSatisfy { validate(.string($0.0), against: argument as! [String: Any]) } } ?? true
        case "anyOf": return (argument as! [[String: Any]]).contains { validate(value, against: $0) }
        case "not": return !validate(value, against: argument as! [String: Any])
        case "$ref": return validate(value, against: resolve(argument as! String))
        default: fatalError("the validator does not know the keyword \(keyword)")
        }
    }

    private func checkProperties(_ value: JSONNode, _ schema: [String: Any]) -> Bool {
        guard let members = Self.members(value) else { return true }
        let properties = schema["properties"] as? [String: [String: Any]] ?? [:]
        return members.allSatisfy { key, member in
            if let property = properties[key] { return validate(member, against: property) }
            switch schema["additionalProperties"] {
            case let additional as [String: Any]: return validate(member, against: additional)
            case let allowed as Bool: return allowed
            default: return true
            }
        }
    }

    private func resolve(_ reference: String) -> [String: Any] {
        let name = String(reference.dropFirst("#/$defs/".count))
        return (root["$defs"] as? [String: Any])?[name] as? [String: Any] ?? [:]
    }

    private static func types(_ argument: Any) -> [String] {
        (argument as? [String]) ?? [argument as! String]
    }

    /// An integer is a number with no fraction (`1000.0` is one), as draft 2020-12 says.
    private static func hasType(_ value: JSONNode, _ type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("object", .object), ("string", .string), ("integer", .int),
             ("number", .int), ("number", .double): true
        case ("integer", .double(let number)): number == number.rounded()
        default: false
        }
    }

    private static func number(_ value: JSONNode) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        default: nil
        }
    }

    private static func string(_ value: JSONNode) -> String? {
        if case .string(let text) = value { return text }
        return nil
    }

    private static func members(_ value: JSONNode) -> [(String, JSONNode)]? {
        if case .object(let members) = value { return members }
        return nil
    }

    private static func equal(_ value: JSONNode, _ other: Any) -> Bool {
        switch value {
        case .string(let text): return (other as? String) == text
        case .int, .double: return !(other is String) && (other as? NSNumber)?.doubleValue == number(value)
        case .bool: return false  // SpecSchema's `const` and `enum` hold no booleans
        default: return false
        }
    }

    /// ECMA-262 semantics: the pattern may match anywhere (SpecSchema anchors its patterns).
    private static func matches(_ text: String, _ pattern: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { fatalError("bad pattern \(pattern)") }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
