/// A small YAML document as a tree of positioned nodes: what files other than the spec (the host's
/// configuration file) are read into. Anchors, aliases, tags and several documents are refused by
/// ``YAMLTreeParser``, so a node is exactly what the file shows.
public struct YAMLNode: Sendable, Equatable {
    /// What a node holds.
    public enum Value: Sendable, Equatable {
        /// A scalar's text; `plain` when it was written without quotes or block style (only plain
        /// scalars can mean null, booleans or numbers).
        case scalar(String, plain: Bool)
        /// A mapping's entries in file order; keys are unique.
        case mapping([YAMLEntry])
        /// A sequence's items in file order.
        case sequence([YAMLNode])
    }

    /// The node's contents.
    public var value: Value
    /// Where the node starts.
    public var location: SourceLocation

    /// Creates a node.
    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }

    /// Whether this is a plain `null`, `~` or empty scalar.
    public var isNull: Bool {
        guard case .scalar(let text, let plain) = value, plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(text)
    }

    /// A short human name of the node's kind for "expected X, found Y" messages.
    public var kindDescription: String {
        switch value {
        case .scalar(let text, _): isNull ? "nothing" : "`\(text.clipped)`"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }
}

/// One `key: value` of a YAML mapping.
public struct YAMLEntry: Sendable, Equatable {
    /// The key's text.
    public var key: String
    /// Where the key is written.
    public var keyLocation: SourceLocation
    /// The value.
    public var value: YAMLNode

    /// Creates an entry.
    public init(key: String, keyLocation: SourceLocation, value: YAMLNode) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}
