/// Resolves what `plans:` and `nodes:` mean for each user, after the files are merged: the user's plan
/// (their own `plan:`, else the default one) and their placement request, with every cross-reference checked
/// (unknown plans and nodes, selectors that match no node, more replicas than nodes, fleet fields without
/// `nodes:`). Errors in `defaults:` or a plan are reported once, not once per user.
///
/// Precedence, for the limit fields and `replicas`: the user's own field, then their plan's, then `defaults:`.
/// A list of `nodes` and `replicas` exclude each other: the one set closer to the user wins (a user's own list
/// drops a plan's `replicas`; a user's or plan's `replicas` drops a default list).
struct FleetResolver {
    /// Where a value of a user's placement came from, nearest the user last (so `>` means "closer").
    enum Layer: Int, Comparable {
        case defaults = 1, plan, user

        static func < (lhs: Layer, rhs: Layer) -> Bool { lhs.rawValue < rhs.rawValue }

        func origin(plan: String?) -> String {
            switch self {
            case .user: ""
            case .plan: " (from plan `\(plan?.clipped ?? "")`)"
            case .defaults: " (from `defaults`)"
            }
        }
    }

    /// The nodes of `nodes:`, or nil when the spec has none (one node).
    let nodes: [NodeSpec]?
    /// The plans of `plans:`, or nil when the spec has none.
    let plans: [String: PartialUser]?
    /// Whether references are checked: false when a file stopped early (what it defined later is unknown).
    let checks: Bool
    let nodeNames: Set<String>
    /// Every label of every node, sorted.
    let labels: [String]
    /// Diagnostics already given, so that a default's or a plan's error is not repeated for every user.
    var reported: Set<SourceLocation> = []

    init(nodes: [NodeSpec]?, plans: [PartialUser]?, checks: Bool) {
        self.nodes = nodes
        self.plans = plans.map { Dictionary($0.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }) }
        self.checks = checks
        nodeNames = Set(nodes?.map(\.name) ?? [])
        labels = Array(Set(nodes?.flatMap(\.labels) ?? [])).sorted()
    }

    /// Whether a spec has nothing to resolve, so users are resolved as before fleets.
    var isEmpty: Bool { nodes == nil && plans == nil }

    /// Checks `defaults:` and every plan once, before the users.
    mutating func checkShared(defaults: PartialUser?, log: inout DiagnosticLog) {
        guard checks else { return }
        if let defaults {
            check(defaults, log: &log)
            _ = plan(for: PartialUser(name: defaults.name, location: defaults.location), defaults: defaults, log: &log)
        }
        for plan in plans?.values.sorted(by: { $0.name < $1.name }) ?? [] { check(plan, log: &log) }
    }

    /// The user's plan name and plan (nil when the plan is unknown: reported).
    mutating func plan(for user: PartialUser, defaults: PartialUser?, log: inout DiagnosticLog) -> (name: String?, plan: PartialUser?) {
        guard let requested = user.plan ?? defaults?.plan else { return (nil, nil) }
        if let plan = plans?[requested.value] { return (requested.value, plan) }
        if checks, reported.insert(requested.location).inserted {
            let names = plans.map { $0.keys.sorted() } ?? []
            let hint = plans == nil
                ? "there is no `plans:` section; add one, like `plans: { \(requested.value.clipped): { data_limit: 50 GiB } }`"
                : Suggestion.closest(to: requested.value, among: names).map { "did you mean `\($0)`?" }
                    ?? "plans are \(names.joined(separator: ", ")); define it under `plans:`"
            log.error(at: requested.location, "unknown plan `\(requested.value.clipped)`", hint: hint)
        }
        return (requested.value, nil)
    }

    /// The user's placement request, with the user's own fields checked and the layers combined.
    mutating func placement(for user: PartialUser, plan: (name: String?, plan: PartialUser?), defaults: PartialUser?,
                            log: inout DiagnosticLog) -> PlacementRequest {
        if checks { check(user, log: &log) }
        guard let nodes else { return .everywhere }
        let selector = user.nodes.map { ($0, Layer.user) } ?? defaults?.nodes.map { ($0, Layer.defaults) }
        let replicas = user.replicas.map { ($0, Layer.user) } ?? plan.plan?.replicas.map { ($0, Layer.plan) }
            ?? defaults?.replicas.map { ($0, Layer.defaults) }
        if let (chosen, layer) = selector, chosen.value.isPinned, replicas.map({ $0.1 <= layer }) ?? true {
            return PlacementRequest(selector: .pinned(chosen.value.names.map(\.value)))
        }
        guard let (count, countLayer) = replicas else {
            return PlacementRequest(selector: selector.map { Self.selector($0.0.value) } ?? .all)
        }
        let labelled = selector.flatMap { $0.0.value.isPinned ? nil : $0 }
        let candidates = labelled.map { wanted in nodes.filter { $0.matches(labels: wanted.0.value.names.map(\.value)) } } ?? nodes
        if checks, count.value > candidates.count, !candidates.isEmpty, let (chosen, layer) = labelled {
            let at = layer > countLayer ? chosen.location : count.location
            if reported.insert(at).inserted {
                log.error(at: at, "`replicas: \(count.value)`\(countLayer.origin(plan: plan.name)) asks for more nodes than "
                              + "`nodes: { labels: [\(chosen.value.names.map(\.value).joined(separator: ", "))] }`"
                              + "\(layer.origin(plan: plan.name)) selects (\(candidates.count): \(candidates.map(\.name).joined(separator: ", ")))",
                          hint: "lower `replicas` to at most \(candidates.count), or give more nodes the label")
            }
        }
        return PlacementRequest(selector: labelled.map { Self.selector($0.0.value) } ?? .all, replicas: count.value)
    }

    private static func selector(_ placement: ParsedPlacement) -> PlacementRequest.Selector {
        switch placement {
        case .pinned(let names): .pinned(names.map(\.value))
        case .labels(let names): .labels(names.map(\.value))
        }
    }
}
