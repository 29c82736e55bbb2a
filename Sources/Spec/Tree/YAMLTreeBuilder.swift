/// Builds one ``YAMLNode`` tree from libyaml's events for ``YAMLTreeParser``.
struct YAMLTreeBuilder {
    let reader: YAMLEventReader
    let file: String
    let limits: YAMLTreeParser
    private var nodes = 0

    init(reader: YAMLEventReader, file: String, limits: YAMLTreeParser) {
        self.reader = reader
        self.file = file
        self.limits = limits
    }

    mutating func document() throws(SpecValidationError) -> YAMLNode? {
        var root: YAMLNode?
        var documents = 0
        while true {
            let event = try next()
            switch event.kind {
            case .streamStart, .documentEnd: continue
            case .streamEnd: return root
            case .documentStart:
                documents += 1
                if documents > 1 { throw fail(event, "a second YAML document (`---`)", hint: "keep one document per file") }
            default:
                root = try node(event, depth: 0)
            }
        }
    }

    private mutating func node(_ event: YAMLEvent, depth: Int) throws(SpecValidationError) -> YAMLNode {
        nodes += 1
        guard nodes <= limits.maximumNodes else { throw fail(event, "more than \(limits.maximumNodes) values", hint: "this is not a configuration file") }
        guard depth <= limits.maximumDepth else { throw fail(event, "nested more than \(limits.maximumDepth) levels deep") }
        if event.anchor != nil { throw fail(event, "anchors (`&name`) are not supported here", hint: "write the value out") }
        if let tag = event.tag, !tag.hasPrefix("tag:yaml.org,2002:") {
            throw fail(event, "the tag `\(tag)` is not supported here", hint: "remove it")
        }
        let at = location(event)
        switch event.kind {
        case .scalar(let scalar): return YAMLNode(.scalar(scalar.text, plain: scalar.style == .plain && event.tag == nil), at: at)
        case .alias(let name): throw fail(event, "aliases (`*\(name)`) are not supported here", hint: "write the value out")
        case .sequenceStart: return YAMLNode(.sequence(try items(depth: depth)), at: at)
        case .mappingStart: return YAMLNode(.mapping(try entries(depth: depth)), at: at)
        default: throw fail(event, "unexpected \(event.nodeDescription)")
        }
    }

    private mutating func items(depth: Int) throws(SpecValidationError) -> [YAMLNode] {
        var items: [YAMLNode] = []
        while true {
            let event = try next()
            if case .sequenceEnd = event.kind { return items }
            items.append(try node(event, depth: depth + 1))
        }
    }

    private mutating func entries(depth: Int) throws(SpecValidationError) -> [YAMLEntry] {
        var entries: [YAMLEntry] = []
        var seen: [String: SourceLocation] = [:]
        while true {
            let keyEvent = try next()
            if case .mappingEnd = keyEvent.kind { return entries }
            guard case .scalar(let scalar) = keyEvent.kind else {
                throw fail(keyEvent, "a key must be a plain word, not \(keyEvent.nodeDescription)")
            }
            let keyAt = location(keyEvent)
            if let first = seen[scalar.text] {
                throw fail(keyEvent, "`\(scalar.text)` is given twice (first at line \(first.line))", hint: "keep one of them")
            }
            seen[scalar.text] = keyAt
            let value = try node(try next(), depth: depth + 1)
            entries.append(YAMLEntry(key: scalar.text, keyLocation: keyAt, value: value))
        }
    }

    private func next() throws(SpecValidationError) -> YAMLEvent {
        do throws(YAMLEventReader.SyntaxError) {
            return try reader.next()
        } catch {
            throw YAMLTreeParser.error(file, error.line, error.column, error.message, hint: error.hint ?? "check the YAML syntax around this position")
        }
    }

    private func location(_ event: YAMLEvent) -> SourceLocation {
        SourceLocation(file: file, line: event.line, column: event.column)
    }

    private func fail(_ event: YAMLEvent, _ message: String, hint: String? = nil) -> SpecValidationError {
        YAMLTreeParser.error(file, event.line, event.column, message, hint: hint)
    }
}
