/// What one spec file says, before files are merged and defaults applied. Fields with errors are left out.
struct ParsedDocument {
    /// A value with the place it was written.
    struct Located<Value> {
        var value: Value
        var location: SourceLocation
    }

    /// `proxy:` as written; `location` is the key's.
    struct Proxy {
        var location: SourceLocation
        var host: String?
        var port: Int?
        var tlsDomain: String?
    }

    /// One node of `nodes:` as written; `location` is the name's.
    struct Node {
        var name: String
        var location: SourceLocation
        var host: String?
        var port: Int?
        var tlsDomain: String?
        var weight: Int?
        var region: String?
        var labels: [String] = []
    }

    var file: String
    var version: Int?
    var proxy: Proxy?
    /// The IANA identifier (already checked) at the `timezone` key's location.
    var timeZone: Located<String>?
    var defaults: PartialUser?
    var users: [PartialUser] = []
    /// `nodes:` at its key's location, if the file has it.
    var nodes: Located<[Node]>?
    /// `plans:` at its key's location, if the file has it; each plan holds only ``PlanField``s.
    var plans: Located<[PartialUser]>?
    /// A syntax error stopped the file early: what it would have defined later is unknown.
    var stoppedEarly = false

    init(file: String) {
        self.file = file
    }
}
