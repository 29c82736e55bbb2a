/// The checks of one mapping's own fleet fields (a user, `defaults:` or a plan).
extension FleetResolver {
    /// Fleet fields without `nodes:`, unknown pinned nodes, selectors matching no node, more replicas than nodes.
    mutating func check(_ mapping: PartialUser, log: inout DiagnosticLog) {
        guard let nodes else {
            for (key, at) in [("nodes", mapping.nodes?.location), ("replicas", mapping.replicas?.location)] {
                guard let at, reported.insert(at).inserted else { continue }
                log.error(at: at, "`\(key)` needs a `nodes:` section listing the proxy hosts",
                          hint: "add `nodes:` at the top level, like `nodes: { eu-1: { host: eu1.example.com } }`, "
                              + "or remove `\(key)`: a spec without `nodes:` is one node serving every user")
            }
            return
        }
        if let replicas = mapping.replicas, replicas.value > nodes.count, reported.insert(replicas.location).inserted {
            log.error(at: replicas.location, "`replicas`: \(replicas.value) is more than the \(nodes.count) node\(nodes.count == 1 ? "" : "s") under `nodes:`",
                      hint: "write at most \(nodes.count), or add nodes")
        }
        switch mapping.nodes?.value {
        case .pinned(let names)?: checkPinned(names, log: &log)
        case .labels(let wanted)?: checkSelector(wanted, at: mapping.nodes?.location ?? mapping.location, log: &log)
        case nil: break
        }
    }

    private mutating func checkPinned(_ names: [ParsedDocument.Located<String>], log: inout DiagnosticLog) {
        for name in names where !nodeNames.contains(name.value) && reported.insert(name.location).inserted {
            let known = nodeNames.sorted()
            log.error(at: name.location, "unknown node `\(name.value.clipped)`",
                      hint: Suggestion.closest(to: name.value, among: known).map { "did you mean `\($0)`?" }
                          ?? "nodes are \(known.joined(separator: ", ")); add it under `nodes:` or correct the name")
        }
    }

    private mutating func checkSelector(_ wanted: [ParsedDocument.Located<String>], at here: SourceLocation, log: inout DiagnosticLog) {
        let names = wanted.map(\.value)
        guard !(nodes ?? []).contains(where: { $0.matches(labels: names) }), reported.insert(here).inserted else { return }
        let hint: String
        if let unknown = names.first(where: { !labels.contains($0) }) {
            hint = "no node has the label `\(unknown.clipped)`"
                + (Suggestion.closest(to: unknown, among: labels).map { "; did you mean `\($0)`?" }
                    ?? (labels.isEmpty ? "; give nodes `labels: [...]`" : "; labels in use: \(labels.joined(separator: ", "))"))
        } else {
            hint = "no node has all of \(names.joined(separator: ", ")); a node must have every label listed"
        }
        log.error(at: here, "`nodes: { labels: [\(names.joined(separator: ", "))] }` matches no node", hint: hint)
    }
}
