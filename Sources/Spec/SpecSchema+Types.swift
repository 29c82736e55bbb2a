extension SpecSchema {
    /// The JSON Schema keywords that constrain a value of `kind`.
    static func typeSchema(_ kind: SpecFieldKind) -> [(String, JSONValue)] {
        switch kind {
        case .integer(let range) where range.lowerBound == range.upperBound:
            return [("const", .int(range.lowerBound))]
        case .integer(let range):
            var schema: [(String, JSONValue)] = [("type", .string("integer")), ("minimum", .int(range.lowerBound))]
            if range.upperBound != Int.max { schema.append(("maximum", .int(range.upperBound))) }
            return schema
        case .text(let maxLength):
            return [("type", .string("string")), ("maxLength", .int(maxLength))]
        case .host, .timeZone:
            return [("type", .string("string")), ("minLength", .int(1)), ("maxLength", .int(253))]
        case .dnsName:
            let label = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            return [("type", .string("string")), ("maxLength", .int(253)), ("pattern", .string("^\(label)(\\.\(label))*$"))]
        case .boolean:
            return [("type", .string("boolean"))]
        case .size:
            return sizeSchema()
        case .choice(let words):
            return [("type", .string("string")), ("enum", .array(words.map(JSONValue.string)))]
        case .expiry:
            let time = "([Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2}))?"
            return [("type", .string("string")), ("pattern", .string("^ *[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])\(time) *$"))]
        case .duration:
            let units = String(SpecDuration.units.map(\.name))
            return [("type", .string("string")), ("pattern", .string("^ *0*[1-9][0-9]* *[\(units)] *$"))]
        case .secret:
            return [("type", .string("string")), ("pattern", .string("^[0-9A-Fa-f]{32}$"))]
        case .name:
            return nameSchema()
        case .names(let minimumCount):
            return namesSchema(minimumCount: minimumCount)
        case .nodeSelection:
            let selector: JSONValue = .object([
                ("type", .string("object")), ("required", .array([.string(NodeField.labels.rawValue)])),
                ("properties", .object([(NodeField.labels.rawValue, .object(namesSchema(minimumCount: 1)))])),
                ("additionalProperties", .bool(false)),
            ])
            return [("anyOf", .array([.object(namesSchema(minimumCount: 1)), selector]))]
        case .section(let section):
            return sectionReference(section)
        }
    }

    /// A user's, node's, plan's or label's name.
    static func nameSchema() -> [(String, JSONValue)] {
        [("type", .string("string")), ("pattern", .string("^[A-Za-z0-9_.-]{1,64}$"))]
    }

    /// A list of distinct names.
    private static func namesSchema(minimumCount: Int) -> [(String, JSONValue)] {
        var schema: [(String, JSONValue)] = [("type", .string("array")), ("items", .object(nameSchema())), ("uniqueItems", .bool(true))]
        if minimumCount > 0 { schema.append(("minItems", .int(minimumCount))) }
        return schema
    }

    /// A bare integer of bytes above 0, or text with an optional unit from ``DataLimit/units`` whose number
    /// is not zero, or `unlimited` (0 is refused as ambiguous).
    private static func sizeSchema() -> [(String, JSONValue)] {
        let units = DataLimit.units.map(\.name).joined(separator: "|")
        let text: JSONValue = .object([
            ("type", .string("string")),
            ("pattern", .string("^ *(unlimited|(?=[0-9.]*[1-9])[0-9]+(\\.[0-9]+)? *(\(units))?) *$")),
        ])
        return [("anyOf", .array([.object([("type", .string("integer")), ("minimum", .int(1))]), text]))]
    }

    /// `proxy` refers to its definition; `defaults` and users may also be empty; `users` maps names to users.
    private static func sectionReference(_ section: SpecSection) -> [(String, JSONValue)] {
        let user: JSONValue = .object([("$ref", .string("#/$defs/user"))])
        let plan: JSONValue = .object([("$ref", .string("#/$defs/plan"))])
        let null: JSONValue = .object([("type", .string("null"))])
        let names: JSONValue = .object(nameSchema())
        switch section {
        case .node:
            return [("$ref", .string("#/$defs/node"))]
        case .plan:
            return [("anyOf", .array([plan, null]))]
        case .nodes:
            return [("type", .string("object")), ("minProperties", .int(1)), ("propertyNames", names),
                    ("additionalProperties", .object([("$ref", .string("#/$defs/node"))]))]
        case .plans:
            return [("type", .array([.string("object"), .string("null")])), ("propertyNames", names),
                    ("additionalProperties", .object([("anyOf", .array([plan, null]))]))]
        case .proxy:
            return [("$ref", .string("#/$defs/proxy"))]
        case .user:
            return [("anyOf", .array([user, null]))]
        case .users:
            return [
                ("type", .array([.string("object"), .string("null")])),
                ("propertyNames", .object([("pattern", .string("^[A-Za-z0-9_.-]{1,64}$"))])),
                ("additionalProperties", .object([("anyOf", .array([user, null]))])),
            ]
        }
    }
}
