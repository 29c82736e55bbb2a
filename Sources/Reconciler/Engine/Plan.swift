import Spec

/// What a tick would do, as a review: the domain diff, then the masked config diff, and the
/// warnings that go with them. Printed as text, Markdown or JSON.
public struct Plan: Sendable, Equatable {
    /// The node the plan is for.
    public var node: String
    /// The revision planned (commit or a digest of the local files).
    public var revision: String
    /// The revision applied now, if any.
    public var appliedRevision: String?
    /// The domain diff, sorted by user.
    public var changes: [DomainChange]
    /// The config diff, secrets masked (empty when the config would not change or is not known).
    public var config: ConfigDiff?
    /// Warnings: spec warnings, a mass removal, drift, a restart needed, more users than telemt labels.
    public var warnings: [String]
    /// A fleet's moves onto and off this node (`~ alice eu-1 → eu-2 (eu-1 down since 12:03)`) and its
    /// plan changes (`12 users move basic → pro`); empty for one node.
    public var fleet: [String] = []
    /// Users whose plan (tariff) changes, counted by pair of plans: `12 users move basic → pro`.
    public var plans: [String] = []

    /// Creates a plan.
    public init(node: String, revision: String, appliedRevision: String?, changes: [DomainChange], config: ConfigDiff?, warnings: [String]) {
        self.node = node
        self.revision = revision
        self.appliedRevision = appliedRevision
        self.changes = changes
        self.config = config
        self.warnings = warnings
    }

    /// Whether applying it changes anything (users, states or the config file).
    public var hasChanges: Bool { !changes.isEmpty || !fleet.isEmpty || !(config?.isEmpty ?? true) }

    /// `3 to add, 1 to change, 1 to remove, 2 state changes`.
    public var summary: String { PlanBuilder.summary(changes) }

    /// The plan for a terminal or a log.
    public func text() -> String {
        var out = "plan for node \(node): \(appliedRevision.map { "\(short($0)) → " } ?? "nothing applied → ")\(short(revision))\n"
        for warning in warnings { out += Self.warningLine(warning) + "\n" }
        for change in changes { out += change.line + "\n" }
        for line in plans { out += line + "\n" }
        for line in fleet { out += line + "\n" }
        out += "\(summary)\n"
        if let config, !config.isEmpty {
            out += "\nconfig.toml (secrets masked):\n" + config.lines.joined(separator: "\n") + "\n"
        }
        return out
    }

    /// The plan as a JSON object (stable key order).
    public func json() -> String {
        let changes: [JSONValue] = changes.map { change in
            var members: [(String, JSONValue)] = [("kind", .string(change.kind.word)), ("user", .string(change.user)), ("line", .string(change.line))]
            if let state = change.stateChange { members.append(("state", .object([("from", .string(state.from)), ("to", .string(state.to))]))) }
            return .object(members)
        }
        return JSONValue.object([
            ("node", .string(node)), ("revision", .string(revision)), ("applied", appliedRevision.map(JSONValue.string) ?? .null),
            ("summary", .string(summary)), ("changes", .array(changes)),
            ("plans", .array(plans.map(JSONValue.string))), ("fleet", .array(fleet.map(JSONValue.string))), ("warnings", .array(warnings.map(JSONValue.string))),
            ("config_diff", .array((config?.lines ?? []).map(JSONValue.string))),
        ]).pretty() + "\n"
    }

    /// A warning as printed: diagnostics that carry their own `file:line:col: warning:` stay as they are.
    public static func warningLine(_ warning: String) -> String {
        warning.contains("warning:") ? warning : "warning: \(warning)"
    }

    func short(_ revision: String) -> String { revision.count > 12 ? String(revision.prefix(12)) : revision }
}
