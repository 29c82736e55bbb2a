import TelemtRender

/// Rendering the managed tables into the template (``ConfigRenderError``, ``ManagedTablesError``).
extension ErrorCatalog {
    static let renderIntro = "`render`, `plan`, `reconcile` and `run` render the managed `[access.*]` tables into the "
        + "telemt template (`telemt.toml` in the repository, `--template`, or the host's own config) and check the "
        + "result before writing it. A config telemt would refuse is never written: telemt keeps serving the old one."

    private static let secret = String(repeating: "5a", count: 16)

    static var renderEntries: [ErrorEntry] { (configRenderEntries + managedTableEntries).compactMap { $0 } }

    private static func rendering(_ users: [TelemtUser], template: String = "") -> ConfigRenderError? {
        failure { () throws(ConfigRenderError) in _ = try ConfigRenderer().render(template: template, users: users) }
    }

    private static func reading(_ config: String) -> ManagedTablesError? {
        failure { () throws(ManagedTablesError) in _ = try ManagedTables.read(from: config) }
    }

    private static var configRenderEntries: [ErrorEntry?] {
        [
            ErrorEntry(failure: rendering([]), kind: { _ in "noUsers" }, "No users to render",
                       meaning: "The user set is empty. telemt refuses a config whose [access.users] is empty and keeps its old users, so such a config is never written.",
                       fix: "Add at least one user to users.yaml; to cut everyone off, set `disabled: true` on users instead of deleting them."),
            ErrorEntry(failure: rendering([TelemtUser(name: "alice", secret: secret), TelemtUser(name: "alice", secret: secret)]),
                       "A user is given twice",
                       meaning: "Two users with one name reached the renderer (users.yaml itself reports a user defined twice with both places).",
                       fix: "Remove one of the two; run `telemt-gitops validate` to see where each is defined."),
            ErrorEntry(failure: rendering([TelemtUser(name: "alice smith", secret: secret)]), "A user name telemt cannot take",
                       meaning: "telemt prints user names unescaped in its metric labels, so names are limited to 1-64 of A-Z a-z 0-9 _ . -.",
                       fix: "Rename the user, e.g. `alice_smith` (the secret is derived from the name, so the link changes)."),
            ErrorEntry(failure: rendering([TelemtUser(name: "alice", secret: "0123")]), "A secret that is not 32 hex digits",
                       meaning: "An explicit secret is not 32 hex digits; telemt would refuse the whole config.",
                       fix: "Fix the user's `secret:` (32 hex digits, without the ee/dd prefix or the domain of a link) or remove it to get a derived one."),
            ErrorEntry(failure: rendering([TelemtUser(name: "alice", secret: secret, maxTCPConnections: -1)]), "A negative limit",
                       meaning: "A connection or IP limit is below zero.",
                       fix: "Use 0 (telemt's global setting) or a positive number."),
            ErrorEntry(failure: rendering([TelemtUser(name: "alice", secret: secret)], template: "[access]\nusers = 1\n"), "The template cannot take the tables",
                       meaning: "The template has a syntax error or writes a managed table in a form that cannot be replaced; the reason follows `template:`.",
                       fix: "Fix the template at the line and column given; see the ManagedTablesError and TOMLParseError entries below."),
            ErrorEntry(failure: failure { () throws(TOMLParseError) in _ = try TOMLDocument(parsing: "[access.users]\nalice =\n") }
                           .map(ConfigRenderError.renderedConfigInvalid),
                       "The rendered config does not parse",
                       meaning: "A safety check: the rendered text is parsed again before it is written, and it did not parse. This is a bug; nothing was written.",
                       fix: "Report it with the template (without secrets); meanwhile telemt keeps serving the previous config."),
            ErrorEntry(ConfigRenderError.renderedConfigMismatch(user: "alice"), "The rendered config reads back differently",
                       meaning: "A safety check: the tables read back from the rendered text differ from what was rendered. This is a bug; nothing was written.",
                       fix: "Report it with the template (without secrets); meanwhile telemt keeps serving the previous config."),
        ]
    }

    private static var managedTableEntries: [ErrorEntry?] {
        [
            ErrorEntry(failure: reading("[access.users]\nalice = \"x\n"), kind: { $0.reason }, "The config does not parse",
                       meaning: "The config or template is not valid TOML at the position given.",
                       fix: "Fix the TOML there; `telemt-gitops validate --template FILE` checks a template without changing anything."),
            ErrorEntry(failure: reading("access = 1\n"), kind: { $0.reason }, "`access` is not a table",
                       meaning: "`access` is written as a value, a dotted key or an inline table, so its sub-tables cannot be replaced in place.",
                       fix: "Write `[access]` with key/value lines, or leave access out of the template."),
            ErrorEntry(failure: reading("[access]\nusers = { alice = \"x\" }\n"), kind: { $0.reason }, "A managed table in another form",
                       meaning: "A managed table is written as dotted keys, an inline table, an array of tables or a value; only plain `[access.x]` tables are replaced safely.",
                       fix: "Delete the table from the template (telemt-gitops writes it) or write it as a plain `[access.users]` table."),
            ErrorEntry(failure: reading("[general]\nfast_mode = true\n"), kind: { $0.reason }, "The config has no [access.users]",
                       meaning: "`plan` and drift checks read the users back from telemt's config; this one has no [access.users], so it was never rendered by telemt-gitops.",
                       fix: "Render into it once: `telemt-gitops render --spec . --key KEY --out /etc/telemt/config.toml`, or run `telemt-gitops reconcile --once`."),
            ErrorEntry(failure: reading("[access.users]\nalice = 5\n"), kind: { $0.reason }, "A value of the wrong type",
                       meaning: "An entry of a managed table has the wrong type, typically after a hand edit of telemt's config.",
                       fix: "Fix the value, or let `telemt-gitops reconcile --once` rewrite the tables (hand edits are drift and are healed)."),
            ErrorEntry(failure: reading("[access.users]\nalice = \"\(secret)\"\n[access.user_expirations]\nalice = \"soon\"\n"), kind: { $0.reason },
                       "An expiration that is not RFC 3339",
                       meaning: "An entry of [access.user_expirations] is not a date-time with an offset.",
                       fix: "Write it as \"2027-01-01T20:59:59Z\", or let telemt-gitops re-render the config."),
        ]
    }
}
