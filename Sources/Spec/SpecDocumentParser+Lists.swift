/// Values of users.yaml that are lists: a node's `labels` and a user's `nodes`.
extension SpecDocumentParser {
    static let sequenceTags: Set<String> = ["tag:yaml.org,2002:seq"]

    /// A user's `nodes:`: `[eu-1, eu-2]` or `{ labels: [eu] }`; nil (reported) for anything else or a wrong name.
    mutating func nodeSelection() throws(SyntaxError) -> ParsedDocument.Located<ParsedPlacement>? {
        let field = UserField.nodes.cachedDefinition
        let event = try reader.next()
        let here = location(of: event)
        switch event.kind {
        case .sequenceStart:
            _ = checkTag(event, allowed: Self.sequenceTags)
            let names = try listItems(of: field, minimumCount: 1, at: here,
                                      emptyHint: "list at least one node, or remove `nodes:` to serve the user from every node")
            return names.map { ParsedDocument.Located(value: .pinned($0), location: here) }
        case .mappingStart:
            _ = checkTag(event, allowed: Self.mappingTags)
            return try labelSelector(at: here)
        case .alias(let name):
            reportAlias(name, at: here)
        case .scalar(let scalar):
            log.error(at: here, "`nodes`: expected a list of node names or `{ labels: [...] }`, found \(event.nodeDescription)",
                      hint: "write a list, like `nodes: [\(scalar.text.clipped)]`")
        default:
            log.error(at: here, "`nodes`: expected a list of node names or `{ labels: [...] }`, found \(event.nodeDescription)",
                      hint: "write it like `nodes: [eu-1, eu-2]` or `nodes: { labels: [eu] }`")
            try skip(event)
        }
        return nil
    }

    private mutating func labelSelector(at here: SourceLocation) throws(SyntaxError) -> ParsedDocument.Located<ParsedPlacement>? {
        var seen = SeenKeys(file: document.file)
        var labels: [ParsedDocument.Located<String>]?
        var failed = false
        while let (key, keyLocation) = try nextKey(&seen) {
            guard key == NodeField.labels.rawValue else {
                reportUnknownKey(key, at: keyLocation, among: [NodeField.labels.rawValue], in: "`nodes`")
                failed = true
                try skipValue()
                continue
            }
            let field = SpecField(key: "labels", kind: .names(minimumCount: 1), summary: "", example: "[eu]")
            labels = try nameList(for: field, emptyHint: "list at least one label, like `labels: [eu]`")
            failed = failed || labels == nil
        }
        guard seen.location(of: NodeField.labels.rawValue) != nil else {
            log.error(at: here, "`nodes` has no `labels`",
                      hint: "write `nodes: { labels: [eu] }` to select nodes by label, or `nodes: [eu-1]` to list them")
            return nil
        }
        guard let labels, !failed else { return nil }
        return ParsedDocument.Located(value: .labels(labels), location: here)
    }

    /// A list of distinct names for `field` (its kind gives the shortest length); nil (reported) when wrong.
    mutating func nameList(for field: SpecField, emptyHint: String) throws(SyntaxError) -> [ParsedDocument.Located<String>]? {
        let event = try reader.next()
        let here = location(of: event)
        guard case .sequenceStart = event.kind else {
            if case .alias(let name) = event.kind {
                reportAlias(name, at: here)
            } else {
                log.error(at: here, "`\(field.key)`: expected a list of names, found \(event.nodeDescription)",
                          hint: "write it like `\(field.key): \(field.example)`")
            }
            try skip(event)
            return nil
        }
        _ = checkTag(event, allowed: Self.sequenceTags)
        let minimum = if case .names(let count) = field.kind { count } else { 1 }
        return try listItems(of: field, minimumCount: minimum, at: here, emptyHint: emptyHint)
    }

    /// The items of a list whose start was read, up to its end.
    private mutating func listItems(
        of field: SpecField, minimumCount: Int, at here: SourceLocation, emptyHint: String
    ) throws(SyntaxError) -> [ParsedDocument.Located<String>]? {
        var items: [ParsedDocument.Located<String>] = []
        var seen = SeenKeys(file: document.file)
        var failed = false
        while let event = try nextListItem() {
            let itemLocation = location(of: event)
            guard case .scalar(let scalar) = event.kind else {
                if case .alias(let name) = event.kind {
                    reportAlias(name, at: itemLocation)
                } else {
                    log.error(at: itemLocation, "`\(field.key)`: expected a name, found \(event.nodeDescription)",
                              hint: "list names, like `\(field.key): \(field.example)`")
                }
                failed = true
                try skip(event)
                continue
            }
            guard checkTag(event, allowed: Self.stringTags) else {
                failed = true
                continue
            }
            do {
                let name = try SpecFieldKind.name.convert(scalar).text ?? scalar.text
                if let first = seen.insert(name, at: itemLocation) {
                    log.error(at: itemLocation, "`\(field.key)`: `\(name.clipped)` is listed twice (first at column \(first.column) of line \(first.line))",
                              hint: "remove one of the two")
                    failed = true
                } else {
                    items.append(ParsedDocument.Located(value: name, location: itemLocation))
                }
            } catch {
                log.error(at: itemLocation, "`\(field.key)`: \(error.message)", hint: error.hint)
                failed = true
            }
        }
        if !failed, items.count < minimumCount {
            log.error(at: here, "`\(field.key)`: the list is empty", hint: emptyHint)
            return nil
        }
        return failed ? nil : items
    }

    /// The next item's first event, or nil at the list's end.
    private mutating func nextListItem() throws(SyntaxError) -> YAMLEvent? {
        let event = try reader.next()
        switch event.kind {
        case .sequenceEnd, .streamEnd, .documentEnd: return nil
        default: return event
        }
    }
}
