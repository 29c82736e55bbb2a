/// A user's `nodes:` as written, with the place of every name (for "unknown node" errors).
enum ParsedPlacement {
    /// `nodes: [eu-1, eu-2]`.
    case pinned([ParsedDocument.Located<String>])
    /// `nodes: { labels: [eu] }`.
    case labels([ParsedDocument.Located<String>])

    var names: [ParsedDocument.Located<String>] {
        switch self {
        case .pinned(let names), .labels(let names): names
        }
    }

    var isPinned: Bool {
        if case .pinned = self { true } else { false }
    }
}
