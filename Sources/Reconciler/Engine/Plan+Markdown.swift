import Foundation

extension Plan {
    /// The plan as a pull-request comment, at most `limit` characters (GitHub's is 65,536): whole
    /// sections only — when the changes do not fit, the rest is summarised by kind, and the config
    /// diff is dropped before a table is cut.
    public func markdown(limit: Int = 65_000) -> String {
        var head = "### telemt-gitops plan for `\(node)`\n\n"
        head += "\(appliedRevision.map { "`\(short($0))` → " } ?? "nothing applied → ")`\(short(revision))`: **\(summary)**\n\n"
        for warning in warnings { head += "> ⚠️ \(Self.escaped(warning))\n" }
        if !warnings.isEmpty { head += "\n" }
        let footer = "\n<sub>secrets are never shown; `telemt-gitops plan --format text` prints the same plan</sub>\n"
        var body = ""
        if !changes.isEmpty {
            var table = "| | user | change |\n|---|---|---|\n"
            var shown = 0
            for change in changes {
                let row = "| \(change.kind.rawValue) | `\(change.user)` | \(Self.escaped(change.detail)) |\n"
                guard head.count + table.count + row.count + footer.count + 400 < limit else { break }
                table += row
                shown += 1
            }
            body += table
            if shown < changes.count { body += "\n" + Self.rest(changes.dropFirst(shown)) + "\n" }
        }
        for (title, lines) in [("Plans", plans), ("Fleet", fleet)] where !lines.isEmpty {
            var section = "\n**\(title)**\n\n"
            for (shown, line) in lines.enumerated() {
                guard head.count + body.count + section.count + line.count + footer.count + 400 < limit else {
                    section += "- … and \(lines.count - shown) more\n"
                    break
                }
                section += "- \(Self.escaped(line))\n"
            }
            body += section
        }
        if let config, !config.isEmpty {
            let diff = "\n<details><summary>config.toml diff (secrets masked)</summary>\n\n```diff\n" + config.lines.joined(separator: "\n") + "\n```\n</details>\n"
            body += head.count + body.count + diff.count + footer.count < limit ? diff : "\nThe config.toml diff is too long for a comment (\(config.lines.count) lines).\n"
        }
        return head + body + footer
    }

    /// `… and 1,200 more: 1,000 to add, 200 to remove`.
    private static func rest(_ changes: ArraySlice<DomainChange>) -> String {
        let counts = DomainChange.Kind.allCases.map { kind in (kind, changes.filter { $0.kind == kind }.count) }.filter { $0.1 > 0 }
        return "… and \(changes.count) more: " + counts.map { "\($0.1) \($0.0.word)" }.joined(separator: ", ")
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
