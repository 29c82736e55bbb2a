/// The fleet sections of users.yaml: `nodes:` and `plans:`.
extension SpecDocumentParser {
    mutating func parseNodes(at keyLocation: SourceLocation) throws(SyntaxError) {
        var nodes: [ParsedDocument.Node] = []
        let start = try sectionStart(RootField.nodes.definition)
        var named = false
        if start == .mapping {
            var seen = SeenKeys(file: document.file)
            while let (name, here) = try nextKey(&seen) {
                named = true
                // `.` and `..` would name no status file (status/<node>.yaml).
                let valid = Self.isValidName(name) && name != "." && name != ".."
                if !valid {
                    log.error(at: here, "invalid node name `\(name.clipped)`",
                              hint: "use 1 to 64 letters, digits, `_`, `.` or `-`, as for users, and not only dots")
                }
                let node = try parseNode(named: name, at: here)
                if valid { nodes.append(node) }
            }
        }
        if start != .invalid, !named {
            log.error(at: keyLocation, "`nodes` lists no node",
                      hint: "add a node like `eu-1: { host: eu1.example.com }`, or remove `nodes:` for a single proxy")
        }
        document.nodes = ParsedDocument.Located(value: nodes, location: keyLocation)
    }

    /// One node; kept even when a field is wrong (reported), so that users naming it get no second error.
    private mutating func parseNode(named name: String, at here: SourceLocation) throws(SyntaxError) -> ParsedDocument.Node {
        var node = ParsedDocument.Node(name: name, location: here)
        let start = try sectionStart(SpecField(key: name.clipped, kind: .section(.node), summary: "",
                                               example: "{ host: \(name.clipped).example.com }"))
        var seen = SeenKeys(file: document.file)
        if start == .mapping {
            while let (key, keyLocation) = try nextKey(&seen) {
                guard let field = NodeField(rawValue: key) else {
                    reportUnknownKey(key, at: keyLocation, among: NodeField.allCases.map(\.rawValue), in: "node `\(name.clipped)`")
                    try skipValue()
                    continue
                }
                try parseNodeField(field, into: &node)
            }
        }
        if start != .invalid, seen.location(of: NodeField.host.rawValue) == nil {
            log.error(at: here, "node `\(name.clipped)` has no `host`",
                      hint: "add `host: \(name.clipped).example.com` under `\(name.clipped):`")
        }
        return node
    }

    private mutating func parseNodeField(_ field: NodeField, into node: inout ParsedDocument.Node) throws(SyntaxError) {
        if field == .labels {
            node.labels = try nameList(for: field.definition, emptyHint: "")?.map(\.value) ?? []
            return
        }
        let value = try fieldValue(field.definition)?.value
        switch field {
        case .host: node.host = value?.text
        case .port: node.port = value?.integer
        case .tlsDomain: node.tlsDomain = value?.text
        case .weight: node.weight = value?.integer
        case .region: node.region = value?.text
        case .labels: break
        }
    }

    mutating func parsePlans(at keyLocation: SourceLocation) throws(SyntaxError) {
        var plans: [PartialUser] = []
        if try sectionStart(RootField.plans.definition) == .mapping {
            var seen = SeenKeys(file: document.file)
            while let (name, here) = try nextKey(&seen) {
                let valid = Self.isValidName(name)
                if !valid {
                    log.error(at: here, "invalid plan name `\(name.clipped)`", hint: "use 1 to 64 letters, digits, `_`, `.` or `-`")
                }
                let plan = try parseUser(named: name, at: here, as: .plan)
                if valid, let plan { plans.append(plan) }
            }
        }
        document.plans = ParsedDocument.Located(value: plans, location: keyLocation)
    }

    /// A user field that plans do not hold (`expire`, `note`, …).
    mutating func reportNotInPlan(_ field: UserField, at here: SourceLocation) {
        let keys = PlanField.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
        log.error(at: here, "`\(field.rawValue)` cannot be set in a plan",
                  hint: "plans hold \(keys); set `\(field.rawValue)` on the user or under `defaults:`")
    }

    /// A list of `nodes` and `replicas` in one mapping: the later of the two keys is the error.
    mutating func reportPinnedWithReplicas(_ marks: UserFieldMarks, _ user: PartialUser) {
        guard user.nodes?.value.isPinned == true, user.replicas != nil,
              let nodes = marks.location(of: .nodes), let replicas = marks.location(of: .replicas) else { return }
        let later = (nodes.line, nodes.column) > (replicas.line, replicas.column) ? nodes : replicas
        log.error(at: later, "`replicas` and a list of `nodes` cannot both be set",
                  hint: "choose one: list the nodes to pin the user there, or set `replicas` "
                      + "(with `nodes: { labels: [...] }` to choose among labelled nodes)")
    }
}
