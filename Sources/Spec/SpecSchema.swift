/// The JSON Schema of users.yaml, generated from the same field tables the parser uses.
public enum SpecSchema {
    /// The schema's `$id`.
    public static let identifier = "urn:telemt-gitops:users-yaml:v1"

    /// JSON Schema (draft 2020-12) of one users.yaml file, pretty-printed with a stable key order and a
    /// final newline. Editors use it through `# yaml-language-server: $schema=...`.
    public static func jsonSchema() -> String {
        let root: JSONValue = .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string(identifier)),
            ("title", .string("telemt-gitops users.yaml, version 1")),
            ("description", .string("Users and limits of a telemt MTProxy, applied by telemt-gitops. "
                + "With users/*.yaml, proxy, timezone and defaults may appear in one file only.")),
            ("type", .string("object")),
            ("required", .array(requiredKeys(RootField.allCases.map(\.definition)))),
            ("properties", properties(RootField.allCases.map(\.definition))),
            ("additionalProperties", .bool(false)),
            ("$defs", .object([
                ("proxy", sectionSchema(.proxy)),
                ("node", sectionSchema(.node)),
                ("plan", sectionSchema(.plan)),
                ("user", sectionSchema(.user)),
                ("defaults", defaultsSchema()),
            ])),
        ])
        return root.pretty() + "\n"
    }

    private static func sectionSchema(_ section: SpecSection) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("type", .string("object")),
            ("properties", properties(section.fields)),
            ("additionalProperties", .bool(false)),
        ]
        let required = requiredKeys(section.fields)
        if !required.isEmpty { members.insert(("required", .array(required)), at: 1) }
        if section == .user { members.append(("not", exclusions)) }
        return .object(members)
    }

    /// Keys a user (or `defaults:`) cannot set together: `expire` and `on_hold`; a list of `nodes` and `replicas`.
    private static let exclusions: JSONValue = .object([("anyOf", .array([
        .object([("required", .array([.string(UserField.expire.rawValue), .string(UserField.onHold.rawValue)]))]),
        .object([
            ("required", .array([.string(UserField.nodes.rawValue), .string(UserField.replicas.rawValue)])),
            ("properties", .object([(UserField.nodes.rawValue, .object([("type", .string("array"))]))])),
        ]),
    ]))])

    /// `defaults:` takes every user field but `secret` (each user needs their own).
    private static func defaultsSchema() -> JSONValue {
        let fields = SpecSection.user.fields.filter { $0.key != UserField.secret.rawValue }
        return .object([
            ("type", .string("object")), ("properties", properties(fields)), ("additionalProperties", .bool(false)),
            ("not", exclusions),
        ])
    }

    private static func requiredKeys(_ fields: [SpecField]) -> [JSONValue] {
        fields.filter(\.isRequired).map { .string($0.key) }
    }

    private static func properties(_ fields: [SpecField]) -> JSONValue {
        .object(fields.map { field in
            var members = [("description", JSONValue.string(field.summary))]
            if case .section = field.kind {} else {
                members.append(("examples", .array([value(field.example, kind: field.kind)])))
            }
            if let defaultValue = field.defaultValue {
                members.append(("default", value(defaultValue, kind: field.kind)))
            }
            let type = field.key == RootField.defaults.rawValue && field.kind == .section(.user)
                ? [("anyOf", JSONValue.array([.object([("$ref", .string("#/$defs/defaults"))]), .object([("type", .string("null"))])]))]
                : typeSchema(field.kind)
            return (field.key, .object(type + members))
        })
    }

    /// An example or default written in YAML, as the JSON value it stands for.
    private static func value(_ yaml: String, kind: SpecFieldKind) -> JSONValue {
        switch kind {
        case .integer: Int(yaml).map(JSONValue.int) ?? .string(yaml)
        case .boolean: .bool(yaml == "true")
        case .names, .nodeSelection:
            .array(yaml.trimmingCharacters(in: ["[", "]"]).split(separator: ",").map { .string($0.trimmingCharacters(in: .whitespaces)) })
        default: .string(yaml)
        }
    }
}
