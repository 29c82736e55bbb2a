/// One event of libyaml's event stream, copied into Swift values, with its 1-based position.
struct YAMLEvent {
    /// What the event is.
    enum Kind {
        case streamStart
        case streamEnd
        case documentStart(implicit: Bool)
        case documentEnd
        case mappingStart
        case mappingEnd
        case sequenceStart
        case sequenceEnd
        case scalar(YAMLScalar)
        case alias(name: String)
    }

    var kind: Kind
    /// 1-based line of the event's first character.
    var line: Int
    /// 1-based column of the event's first character.
    var column: Int
    /// The explicit tag (`!foo`, `tag:yaml.org,2002:str`), if any.
    var tag: String?
    /// The anchor (`&name`) placed on the node, if any.
    var anchor: String?
    /// 1-based line just after the event's last character (a scalar folded over lines ends below `line`).
    var endLine = 0

    /// A short human name of the node the event starts, for "expected X, found Y" messages.
    var nodeDescription: String {
        switch kind {
        case .mappingStart: "a mapping"
        case .sequenceStart: "a list"
        case .alias(let name): "an alias `*\(name)`"
        case .scalar(let scalar): scalar.valueDescription
        default: "the end of the mapping"
        }
    }
}
