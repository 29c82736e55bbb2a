import Spec

/// The JSON Schema of `status/<node>.yaml`, version 1, for editors and for tools that read it.
public enum NodeStatusSchema {
    /// The schema's `$id`.
    public static let identifier = "urn:telemt-gitops:status-yaml:v1"

    /// JSON Schema (draft 2020-12), pretty-printed with a stable key order and a final newline.
    public static func jsonSchema() -> String {
        let instant = object([("type", .string("string")), ("pattern", .string(#"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$"#))])
        let root = object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string(identifier)),
            ("title", .string("telemt-gitops status file, version 1")),
            ("description", .string("Written by telemt-gitops for one node; never edited by people. Holds no secret.")),
            ("type", .string("object")),
            ("required", .array(["version", "node", "heartbeat", "users"].map(JSONValue.string))),
            ("properties", object([
                ("version", object([("const", .int(1))])),
                ("node", object([("type", .string("string")), ("pattern", .string("^[A-Za-z0-9_.-]{1,64}$"))])),
                ("applied", closed(["revision": string, "config_sha256": string, "at": instant], required: ["revision", "config_sha256", "at"])),
                ("attempted", closed(["revision": string, "error": string], required: ["revision", "error"])),
                ("telemt", closed(["version": string, "started": instant,
                                   "reload": object([("enum", .array(NodeStatus.Telemt.Reload.allCases.map { .string($0.rawValue) }))])], required: ["reload"])),
                ("heartbeat", instant),
                ("warnings", object([("type", .string("array")), ("items", string)])),
                ("users", object([
                    ("type", .string("object")),
                    ("propertyNames", object([("pattern", .string("^[A-Za-z0-9_.-]{1,64}$"))])),
                    ("additionalProperties", user(instant)),
                ])),
            ])),
            ("additionalProperties", .bool(false)),
        ])
        return root.pretty() + "\n"
    }

    private static let string = object([("type", .string("string"))])
    private static let count = object([("type", .string("integer")), ("minimum", .int(0))])

    private static func user(_ instant: JSONValue) -> JSONValue {
        let states = ["active", "disabled", "limited", "expired", "on_hold"].map(JSONValue.string)
        return closed([
            "state": object([("enum", .array(states))]), "reason": string,
            "period": closed(["start": instant, "end": instant], required: ["start", "end"]),
            "used": string, "used_bytes": count, "limit": string, "expire": instant, "first_seen": instant, "connections": count,
        ], required: ["state", "used_bytes", "limit"])
    }

    private static func closed(_ properties: [String: JSONValue], required: [String]) -> JSONValue {
        object([
            ("type", .string("object")),
            ("required", .array(required.map(JSONValue.string))),
            ("properties", object(properties.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })),
            ("additionalProperties", .bool(false)),
        ])
    }

    private static func object(_ members: [(String, JSONValue)]) -> JSONValue { .object(members) }
}
