import Foundation
import Spec

/// A mapping of the status file with typed lookups that fail with the position of the value.
struct StatusFields {
    let entries: [YAMLEntry]
    let location: SourceLocation

    init(_ node: YAMLNode) throws(StatusFileError) {
        guard case .mapping(let entries) = node.value else {
            throw StatusFileError(at: node.location, "expected a mapping, found \(node.kindDescription)")
        }
        self.entries = entries
        location = node.location
    }

    private func node(_ key: String) -> YAMLNode? {
        entries.first { $0.key == key }.map(\.value)
    }

    func text(_ key: String) throws(StatusFileError) -> String? {
        guard let node = node(key), !node.isNull else { return nil }
        guard case .scalar(let text, _) = node.value else { throw StatusFileError(at: node.location, "`\(key)`: expected a value, found \(node.kindDescription)") }
        return text
    }

    func required(_ key: String) throws(StatusFileError) -> String {
        guard let text = try text(key) else { throw StatusFileError(at: location, "`\(key)` is missing") }
        return text
    }

    func instant(_ key: String) throws(StatusFileError) -> Date? {
        guard let text = try text(key) else { return nil }
        guard let date = StatusText.parseInstant(text) else {
            throw StatusFileError(at: node(key)?.location ?? location, "`\(key)`: `\(text)` is not a time like 2026-12-02T10:00:00Z")
        }
        return date
    }

    func mapping(_ key: String) throws(StatusFileError) -> StatusFields? {
        guard let node = node(key), !node.isNull else { return nil }
        return try StatusFields(node)
    }

    func list(_ key: String) throws(StatusFileError) -> [String] {
        guard let node = node(key), !node.isNull else { return [] }
        guard case .sequence(let items) = node.value else { throw StatusFileError(at: node.location, "`\(key)`: expected a list") }
        return items.compactMap { if case .scalar(let text, _) = $0.value { text } else { nil } }
    }
}
