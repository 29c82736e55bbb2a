/// One error the tool can print: its key (`Type.case` or `Type.code`), a short title, a sample
/// message that is the real error value's own `description`, what it means and what to do.
struct ErrorEntry: Sendable, Equatable {
    /// `GitSourceError.hostKeyUnknown`, `EngineError.locked`, `users.yaml` for spec diagnostics.
    let key: String
    /// A few words, e.g. "The SSH host key is not in known_hosts".
    let title: String
    /// The message as the tool prints it, taken from a value of the real type.
    let sample: String
    /// What it means: where it comes from and the likely causes.
    let meaning: String
    /// What to do, with the command to run.
    let fix: String

    /// An entry whose key is given (spec diagnostics, errors that have no cases).
    init(key: String, _ title: String, sample: String, meaning: String, fix: String) {
        self.key = key
        self.title = title
        self.sample = sample
        self.meaning = meaning
        self.fix = fix
    }

    /// An entry for `error`, keyed by its type and by `kind`: the case of `error` itself (the
    /// default, when it is an enum), of its reason or problem enum, or a code's name. A struct
    /// without a kind is keyed by its type alone.
    init(_ error: some Error & CustomStringConvertible, kind: Any? = nil, _ title: String, meaning: String, fix: String) {
        let type = "\(type(of: error))"
        let kind: Any? = kind ?? (Mirror(reflecting: error).displayStyle == .enum ? error as Any : nil)
        self.init(key: kind.map { "\(type).\(ErrorEntry.caseName(of: $0))" } ?? type, title, sample: error.description, meaning: meaning, fix: fix)
    }

    /// An entry for an error that real code threw (see ``ErrorCatalog/failure(_:)``); nil when it
    /// threw none, so that a sample input that stopped failing shows up as a missing entry.
    init?<E: Error & CustomStringConvertible>(failure error: E?, kind: (E) -> Any? = { _ in nil }, _ title: String, meaning: String, fix: String) {
        guard let error else { return nil }
        self.init(error, kind: kind(error), title, meaning: meaning, fix: fix)
    }

    /// The case name of an enum value (`timedOut` for `.timedOut(remote: …)`), or the text of any
    /// other value (a code's name, a payload-free case of an enum without a description).
    static func caseName(of value: Any) -> String {
        if let text = value as? String { return text }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .enum, let label = mirror.children.first?.label { return label }
        return String(describing: value)
    }

    /// The type part of the key, `GitSourceError` for `GitSourceError.timedOut`.
    var typeName: String { String(key.prefix { $0 != "." }) }

    /// The case or code part of the key, `timedOut` for `GitSourceError.timedOut`.
    var caseName: String { key.split(separator: ".", maxSplits: 1).last.map(String.init) ?? key }
}
