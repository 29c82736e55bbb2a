import Spec

extension EngineError {
    /// A host whose `node` is not one of the spec's `nodes`, which are `nodes` (sorted).
    public static func unknownNode(_ name: String, nodes: [String]) -> EngineError {
        let hint = Suggestion.closest(to: name, among: nodes).map { "did you mean `--node \($0)`? " } ?? ""
        return EngineError(.unknownNode, path: "users.yaml", "this host is node `\(name)`, which `nodes:` does not list (it lists \(nodes.joined(separator: ", ")))",
                           hint: hint + "set `node` (--node) to this host's entry, or add `\(name): { host: … }` under `nodes:` in a new commit")
    }
}
