/// Builds a ``ParsedDocument`` from one file while libyaml's events arrive: no tree of the whole document.
///
/// Semantic errors are logged and parsing goes on, so that one run reports every error of the file;
/// a YAML syntax error stops the file (libyaml cannot continue past it).
struct SpecDocumentParser {
    typealias SyntaxError = YAMLEventReader.SyntaxError

    let reader: YAMLEventReader
    let input: UnsafeBufferPointer<UInt8>
    var document: ParsedDocument
    var log: DiagnosticLog
    /// The line after the last scalar that ``scalarValue(for:)`` read (below its first line when folded).
    var lastScalarEndLine = 0

    /// Parses `source`, adding its diagnostics to `log`.
    static func parse(_ source: SpecSource, log: inout DiagnosticLog) -> ParsedDocument {
        source.bytes.withUnsafeBufferPointer { buffer in
            var parser = SpecDocumentParser(
                reader: YAMLEventReader(input: buffer), input: buffer,
                document: ParsedDocument(file: source.path), log: log)
            parser.run()
            log = parser.log
            return parser.document
        }
    }

    private mutating func run() {
        if let excess = NestingGuard.firstExcess(in: input) {
            document.stoppedEarly = true
            log.error(at: location(excess.line, excess.column),
                      "more than \(NestingGuard.maximumDepth) nested `[` or `{`; the file was not read",
                      hint: "a spec nests only a few levels; close the brackets (they are counted in quotes and comments too)")
            return
        }
        do {
            try parseStream()
        } catch {
            document.stoppedEarly = true
            let unclosed = UnclosedBrace.line(in: input).map { "unclosed `{` opened at line \($0); close it with `}`" }
            let hint = unclosed ?? error.hint ?? syntaxHint(line: error.line)
            log.error(at: location(error.line, error.column), "YAML syntax error: \(error.message)", hint: hint)
        }
    }

    private mutating func parseStream() throws(SyntaxError) {
        _ = try reader.next()
        let start = try reader.next()
        guard case .documentStart = start.kind else {
            log.error(at: location(1, 1), "the file is empty", hint: "a spec starts with `version: 1`; see examples/users.yaml")
            document.stoppedEarly = true
            return
        }
        let root = try reader.next()
        switch root.kind {
        case .mappingStart:
            _ = checkTag(root, allowed: Self.mappingTags)
            try parseRoot(at: location(of: root))
        case .scalar(let scalar) where scalar.coreType == .null:
            log.error(at: location(of: root), "the file has no content", hint: "a spec starts with `version: 1`")
            document.stoppedEarly = true
        default:
            log.error(at: location(of: root), "expected a mapping at the top level, found \(root.nodeDescription)",
                      hint: "start the file with `version: 1`, then `proxy:` and `users:`")
            document.stoppedEarly = true
            try skip(root)
        }
        _ = try reader.next()
        let after = try reader.next()
        if case .documentStart = after.kind {
            log.error(at: location(of: after), "the file has more than one YAML document",
                      hint: "remove the `---` line; put more users under `users:` or in another file of users/")
        }
    }

    // MARK: Event helpers

    /// The next key of the current mapping, or `nil` at its end. Keys that are not plain text, duplicates and
    /// merge keys (`<<`) are reported and their values skipped.
    mutating func nextKey(_ seen: inout SeenKeys) throws(SyntaxError) -> (key: String, location: SourceLocation)? {
        try nextKey { parser, key, here in parser.admit(key, at: here, into: &seen) ? key : nil }
    }

    /// The next key of the current mapping that `admit` accepts (it reports the keys it refuses), or `nil` at
    /// the mapping's end. Keys that are not plain text are reported; the values of refused keys are skipped.
    mutating func nextKey<Key>(
        admitting admit: (inout SpecDocumentParser, String, SourceLocation) -> Key?
    ) throws(SyntaxError) -> (key: Key, location: SourceLocation)? {
        while true {
            let event = try reader.next()
            let here = location(of: event)
            switch event.kind {
            case .mappingEnd, .streamEnd, .documentEnd:
                return nil
            case .scalar(let scalar) where checkTag(event, allowed: Self.stringTags):
                if let key = admit(&self, scalar.text, here) { return (key, here) }
            case .scalar:
                break
            default:
                log.error(at: here, "a key must be plain text, found \(event.nodeDescription)",
                          hint: "write `name: value` pairs")
                try skip(event)
            }
            try skipValue()
        }
    }

    /// Accepts `key` unless it is a merge key (`<<`) or a duplicate in `seen`; both are reported.
    mutating func admit(_ key: String, at here: SourceLocation, into seen: inout SeenKeys) -> Bool {
        if key == "<<" {
            log.error(at: here, "merge keys (`<<`) are not supported", hint: "put shared fields under `defaults:`")
        } else if let first = seen.insert(key, at: here) {
            reportDuplicate(key, at: here, first: first)
        } else {
            return true
        }
        return false
    }

    mutating func reportDuplicate(_ key: String, at here: SourceLocation, first: SourceLocation) {
        let place = first.line == here.line ? "column \(first.column) of this line" : "line \(first.line)"
        log.error(at: here, "duplicate key `\(key.clipped)` (first defined at \(place))", hint: "keep one of the two")
    }

    /// Reads a value that must be a scalar; reports and skips anything else.
    mutating func scalarValue(for field: SpecField) throws(SyntaxError) -> (YAMLScalar, SourceLocation)? {
        let event = try reader.next()
        guard case .scalar(var scalar) = event.kind else {
            reportNotScalar(event, field: field)
            try skip(event)
            return nil
        }
        guard checkTag(event, allowed: Self.stringTags) else { return nil }
        if event.tag != nil { scalar.style = .quoted }
        lastScalarEndLine = event.endLine
        return (scalar, location(of: event))
    }

    /// Reads and converts one field's value; a wrong value is logged and `nil` returned.
    mutating func fieldValue(_ field: SpecField) throws(SyntaxError) -> ParsedDocument.Located<FieldValue>? {
        guard let (scalar, here) = try scalarValue(for: field) else { return nil }
        do {
            return ParsedDocument.Located(value: try field.kind.convert(scalar), location: here)
        } catch {
            if lastScalarEndLine > here.line, let open = UnclosedBrace.line(in: input), open <= here.line {
                log.error(at: here, "`\(field.key)`: unclosed `{` opened at line \(open): the value runs on to line \(lastScalarEndLine)",
                          hint: "close the mapping with `}` on line \(open)")
            } else {
                log.error(at: here, "`\(field.key)`: \(error.message)", hint: error.hint)
            }
            return nil
        }
    }

    private mutating func reportNotScalar(_ event: YAMLEvent, field: SpecField) {
        if case .alias(let name) = event.kind {
            reportAlias(name, at: location(of: event))
        } else {
            log.error(at: location(of: event),
                      "`\(field.key)`: expected \(field.kind.expectation), found \(event.nodeDescription)",
                      hint: "write it like `\(field.key): \(field.example)`")
        }
    }

    mutating func reportAlias(_ name: String, at here: SourceLocation) {
        log.error(at: here, "aliases (`*\(name.clipped)`) are not supported",
                  hint: "write the value out, or put shared fields under `defaults:`")
    }

    mutating func skipValue() throws(SyntaxError) {
        try skip(reader.next())
    }

    /// Skips the node that `start` begins (nothing more for scalars and aliases), iteratively.
    mutating func skip(_ start: YAMLEvent) throws(SyntaxError) {
        var depth = 0
        var event = start
        while true {
            switch event.kind {
            case .mappingStart, .sequenceStart: depth += 1
            case .mappingEnd, .sequenceEnd: depth -= 1
            case .streamEnd, .documentEnd: return
            default: break
            }
            if depth <= 0 { return }
            event = try reader.next()
        }
    }

    static let stringTags: Set<String> = ["!", "tag:yaml.org,2002:str"]
    static let mappingTags: Set<String> = ["tag:yaml.org,2002:map"]

    /// Refuses explicit tags other than the standard ones for the node's kind.
    mutating func checkTag(_ event: YAMLEvent, allowed: Set<String>) -> Bool {
        guard let tag = event.tag, !allowed.contains(tag) else { return true }
        log.error(at: location(of: event), "YAML tags (`\(tag.clipped)`) are not supported here",
                  hint: "remove the tag")
        return false
    }

    /// Tabs in indentation are the most common cause of a syntax error; say so when the line has one.
    private func syntaxHint(line: Int) -> String {
        var current = 1
        var indentation = true
        for byte in input {
            if byte == UInt8(ascii: "\n") {
                if current == line { break }
                current += 1
                indentation = true
            } else if current == line, indentation {
                if byte == UInt8(ascii: "\t") {
                    return "indent with spaces: YAML does not allow tabs in indentation"
                }
                indentation = byte == UInt8(ascii: " ")
            }
        }
        return "check the indentation, colons and quotes near this position"
    }

    func location(of event: YAMLEvent) -> SourceLocation {
        location(event.line, event.column)
    }

    func location(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: document.file, line: line, column: column)
    }
}
