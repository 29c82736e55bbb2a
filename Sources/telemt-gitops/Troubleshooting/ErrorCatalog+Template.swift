import TelemtRender

/// The template checks (``TemplateDiagnostic``, one per rule), from the real validator on small templates.
extension ErrorCatalog {
    private static let quietTemplate = "[server]\nmetrics_listen = \"127.0.0.1:9090\"\n\n[server.api]\nread_only = true\n"

    static var templateEntries: [ErrorEntry] { (templateEntriesA + templateEntriesB).compactMap { $0 } }

    /// The entry for the first finding of `rule` in `template`, printed as `validate` prints it.
    private static func template(_ template: String, _ rule: TemplateDiagnostic.Rule, _ title: String, meaning: String, fix: String) -> ErrorEntry? {
        guard let finding = TemplateValidator().validate(template).first(where: { $0.rule == rule }) else { return nil }
        return ErrorEntry(key: "TemplateDiagnostic.\(rule)", title, sample: "telemt.toml:\(finding)", meaning: meaning, fix: fix)
    }

    private static var templateEntriesA: [ErrorEntry?] {
        [
            template("[server\n", .syntax, "The template does not parse",
                     meaning: "`validate`, `plan` and `reconcile` check the template before anything is rendered; it is not valid TOML. The TOMLParseError entries below explain each kind.",
                     fix: "Fix the TOML at the line and column given, then `telemt-gitops validate`."),
            template(quietTemplate + "\n[access]\nusers = { alice = \"x\" }\n", .managedTableForm, "A managed table the renderer cannot replace",
                     meaning: "The template writes one of the tables telemt-gitops owns as an inline table, dotted keys or a value.",
                     fix: "Delete the table from the template (telemt-gitops writes it whole) or write it as a plain `[access.users]` table."),
            template(quietTemplate + "\n[general.telemetry]\nuser_enabled = false\n", .userTelemetryDisabled, "Per-user telemetry is off",
                     meaning: "Without per-user metrics no traffic is recorded, so quotas are never enforced, and telemt stops enforcing user_max_tcp_conns as well.",
                     fix: "Remove `user_enabled = false` from [general.telemetry], or set it to true."),
            template("[server]\nmetrics_listen = \"127.0.0.1:9090\"\n", .writableAPI, "telemt's API is writable (warning)",
                     meaning: "telemt's HTTP API is on by default and can rewrite [access.*]; edits made through it show up as drift and are undone at the next reconcile.",
                     fix: "Add `[server.api]` with `read_only = true` (keeps GET /v1/users for accounting) or `enabled = false`."),
            template(quietTemplate + "\n[censorship]\ntls_domain = \"www.example.com/path\"\n", .invalidTLSDomain, "An invalid tls_domain",
                     meaning: "telemt refuses an empty tls_domain or one with whitespace, `/` or `\\`; ee-links carry the domain, so it must be a plain host name.",
                     fix: "Set `[censorship] tls_domain` to the host name of a real HTTPS site, and the same `proxy.tls_domain` in users.yaml."),
        ]
    }

    private static var templateEntriesB: [ErrorEntry?] {
        [
            template("[server.api]\nread_only = true\n", .metricsDisabled, "telemt serves no metrics (warning)",
                     meaning: "Neither metrics_port nor metrics_listen is set, so telemt serves no /metrics: no traffic is recorded and quotas are not enforced.",
                     fix: "Set `metrics_listen = \"127.0.0.1:9090\"` in [server] and `telemt.metrics` (`--metrics`) to http://127.0.0.1:9090/metrics."),
            template(quietTemplate + "\n[access]\nuser_max_unique_ips_window_secs = 0\n", .accessSetting, "An [access] setting telemt refuses",
                     meaning: "A scalar [access] setting has a value telemt's own validation refuses, so telemt would ignore the whole config.",
                     fix: "Use a value in the range the message gives."),
            template(quietTemplate + "\n[access.user_ad_tags]\nalice = \"0123\"\n", .unmanagedPerUserTable, "A per-user table that is not managed (warning)",
                     meaning: "The template has a per-user table telemt-gitops does not write; its entries are kept as written, also for users renamed or removed in users.yaml.",
                     fix: "Keep it in step with users.yaml by hand, or remove it."),
            template(quietTemplate + "include = \"users.toml\"\n", .include, "An include line (warning)",
                     meaning: "telemt expands `include =` before parsing; the included file is invisible to telemt-gitops and could define a managed table (telemt would then refuse the config).",
                     fix: "Make sure the included file defines no [access.*] table telemt-gitops manages, or inline it into the template."),
        ]
    }
}
