import Foundation
import Testing
@testable import Spec

private func schemaObject() throws -> [String: Any] {
    let data = Data(SpecSchema.jsonSchema().utf8)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

private func properties(_ object: [String: Any]?) -> Set<String> {
    Set((object?["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
}

@Test func schemaIsValidJSONWithDraft2020() throws {
    let schema = try schemaObject()
    #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    #expect(schema["additionalProperties"] as? Bool == false)
    #expect(schema["required"] as? [String] == ["version"])
}

@Test func schemaNamesEveryFieldOfTheTables() throws {
    let schema = try schemaObject()
    let definitions = schema["$defs"] as? [String: Any]
    #expect(properties(schema) == Set(RootField.allCases.map(\.rawValue)))
    #expect(properties(definitions?["proxy"] as? [String: Any]) == Set(ProxyField.allCases.map(\.rawValue)))
    #expect(properties(definitions?["user"] as? [String: Any]) == Set(UserField.allCases.map(\.rawValue)))
    let user = try #require((definitions?["user"] as? [String: Any])?["properties"] as? [String: Any])
    for field in UserField.allCases {
        let entry = user[field.rawValue] as? [String: Any]
        #expect(entry?["description"] as? String == field.definition.summary)
        #expect((entry?["examples"] as? [Any])?.isEmpty == false)
    }
}

@Test func schemaPatternsAcceptTheExamples() throws {
    for field in UserField.allCases.map(\.definition) + ProxyField.allCases.map(\.definition) {
        for (keyword, value) in SpecSchema.typeSchema(field.kind) where keyword == "pattern" {
            guard case .string(let pattern) = value else { continue }
            #expect(field.example.range(of: pattern, options: .regularExpression) != nil, "\(field.key): \(pattern)")
        }
    }
}

@Test func schemaIsStable() {
    #expect(SpecSchema.jsonSchema() == SpecSchema.jsonSchema())
    #expect(SpecSchema.jsonSchema().hasSuffix("}\n"))
}

/// docs/users.schema.json is the generated schema, committed for editors. Regenerate it with
/// `SPEC_WRITE_SCHEMA=1 swift test --filter SpecSchemaTests`.
@Test func committedSchemaIsCurrent() throws {
    let url = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "../../docs/users.schema.json")
    if ProcessInfo.processInfo.environment["SPEC_WRITE_SCHEMA"] == "1" {
        try SpecSchema.jsonSchema().write(to: url, atomically: true, encoding: .utf8)
    }
    let committed = try String(contentsOf: url, encoding: .utf8)
    #expect(committed == SpecSchema.jsonSchema(), "regenerate with SPEC_WRITE_SCHEMA=1 swift test --filter SpecSchemaTests")
}

/// The reference documentation has a section for every user field and a row for every other key.
@Test func referenceDocumentsEveryField() throws {
    let url = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "../../docs/users-yaml.md")
    let text = try String(contentsOf: url, encoding: .utf8)
    let headings = text.split(separator: "\n").filter { $0.hasPrefix("### ") }
    for field in UserField.allCases where !headings.contains(where: { $0.contains("`\(field.rawValue)`") }) {
        Issue.record("docs/users-yaml.md has no section for `\(field.rawValue)`")
    }
    for key in RootField.allCases.map(\.rawValue) + ProxyField.allCases.map(\.rawValue) where !text.contains("| `\(key)` |") {
        Issue.record("docs/users-yaml.md has no table row for `\(key)`")
    }
}
