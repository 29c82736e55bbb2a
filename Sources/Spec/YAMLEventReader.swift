internal import CYAML

/// Pulls events from libyaml's event parser over a byte buffer that outlives the reader.
///
/// Owns the C parser; used by one ``SpecDocumentParser`` on one thread and never shared.
final class YAMLEventReader {
    /// libyaml's own complaint (syntax, encoding, memory), with the position it points at.
    struct SyntaxError: Error {
        var line: Int
        var column: Int
        var message: String
        var hint: String?
    }

    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeBufferPointer<UInt8>
    private var finished = false

    /// Creates a reader over `input`; the caller keeps the buffer alive while the reader is used.
    init(input: UnsafeBufferPointer<UInt8>) {
        // A UTF-8 byte order mark is skipped; libyaml, told the encoding, would read it as content.
        let input = input.starts(with: [0xEF, 0xBB, 0xBF]) ? UnsafeBufferPointer(rebasing: input[3...]) : input
        self.input = input
        parser = .allocate(capacity: 1)
        yaml_parser_initialize(parser)
        if let base = input.baseAddress {
            yaml_parser_set_input_string(parser, base, input.count)
        } else {
            var empty: UInt8 = 0
            yaml_parser_set_input_string(parser, &empty, 0)
        }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    /// The next event; after `streamEnd` it keeps returning `streamEnd`.
    func next() throws(SyntaxError) -> YAMLEvent {
        if finished { return YAMLEvent(kind: .streamEnd, line: 1, column: 1) }
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else { throw currentError() }
        defer { yaml_event_delete(&event) }
        let converted = Self.convert(&event)
        if case .streamEnd = converted.kind { finished = true }
        return converted
    }

    private static func convert(_ event: inout yaml_event_t) -> YAMLEvent {
        let line = Int(event.start_mark.line) + 1
        let column = Int(event.start_mark.column) + 1
        var tag: UnsafeMutablePointer<yaml_char_t>?
        var anchor: UnsafeMutablePointer<yaml_char_t>?
        let kind: YAMLEvent.Kind
        switch event.type {
        case YAML_STREAM_START_EVENT: kind = .streamStart
        case YAML_DOCUMENT_START_EVENT: kind = .documentStart(implicit: event.data.document_start.implicit != 0)
        case YAML_DOCUMENT_END_EVENT: kind = .documentEnd
        case YAML_MAPPING_START_EVENT:
            kind = .mappingStart
            (tag, anchor) = (event.data.mapping_start.tag, event.data.mapping_start.anchor)
        case YAML_MAPPING_END_EVENT: kind = .mappingEnd
        case YAML_SEQUENCE_START_EVENT:
            kind = .sequenceStart
            (tag, anchor) = (event.data.sequence_start.tag, event.data.sequence_start.anchor)
        case YAML_SEQUENCE_END_EVENT: kind = .sequenceEnd
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            (tag, anchor) = (data.tag, data.anchor)
            kind = .scalar(YAMLScalar(text: string(data.value, count: data.length), style: style(data.style)))
        case YAML_ALIAS_EVENT: kind = .alias(name: cString(event.data.alias.anchor) ?? "")
        default: kind = .streamEnd
        }
        return YAMLEvent(kind: kind, line: line, column: column, tag: cString(tag), anchor: cString(anchor),
                         endLine: Int(event.end_mark.line) + 1)
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch style {
        case YAML_PLAIN_SCALAR_STYLE: .plain
        case YAML_LITERAL_SCALAR_STYLE, YAML_FOLDED_SCALAR_STYLE: .block
        default: .quoted
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, count: Int) -> String {
        guard let pointer else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    private static func cString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private func currentError() -> SyntaxError {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "unknown problem"
        switch state.error {
        case YAML_MEMORY_ERROR:
            return SyntaxError(line: 1, column: 1, message: "the YAML parser ran out of memory")
        case YAML_READER_ERROR:
            let (line, column) = position(ofOffset: state.problem_offset)
            return SyntaxError(line: line, column: column, message: problem,
                               hint: "save the file as UTF-8 text")
        default:
            let context = state.context.map { String(cString: $0) + ": " } ?? ""
            let mark = state.problem_mark
            return SyntaxError(line: Int(mark.line) + 1, column: Int(mark.column) + 1, message: context + problem)
        }
    }

    /// 1-based line and column (in characters) of a byte offset, for reader errors that carry only an offset.
    private func position(ofOffset offset: Int) -> (Int, Int) {
        var line = 1
        var column = 1
        for byte in input.prefix(min(offset, input.count)) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}
