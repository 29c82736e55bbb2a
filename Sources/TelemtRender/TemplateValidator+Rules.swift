import Foundation

extension TemplateValidator {
    /// Managed tables must be plain `[access.x]` tables (see ``ManagedTables/sections(in:)``).
    func managedTableForm(_ document: TOMLDocument) -> [TemplateDiagnostic] {
        do {
            _ = try ManagedTables.sections(in: document)
            return []
        } catch {
            return [TemplateDiagnostic(
                severity: .error, rule: .managedTableForm, location: error.location ?? Self.start,
                message: "a managed [access.*] table cannot be replaced safely", fix: error.message)]
        }
    }

    /// `[general.telemetry] user_enabled = false` is an error, not a warning: without per-user
    /// metrics no traffic is recorded, so quotas are never enforced, and telemt also stops
    /// enforcing `user_max_tcp_conns` — limits in users.yaml would silently do nothing.
    func userTelemetry(_ document: TOMLDocument) -> [TemplateDiagnostic] {
        let path = ["general", "telemetry", "user_enabled"]
        guard document[path]?.boolValue == false else { return [] }
        return [diagnostic(.error, .userTelemetryDisabled, document, at: path,
            "[general.telemetry] user_enabled = false turns off per-user metrics: telemt-gitops cannot account traffic "
                + "or enforce quotas, and telemt stops enforcing user_max_tcp_conns",
            fix: "remove the line or set user_enabled = true")]
    }

    /// telemt's API (on by default) rewrites `[access.*]` and fights the reconciler.
    func writableAPI(_ document: TOMLDocument) -> [TemplateDiagnostic] {
        let api = document.root.table(at: ["server", "api"])
        let enabled = api?["enabled"]?.boolValue ?? true
        let readOnly = api?["read_only"]?.boolValue ?? false
        guard enabled, !readOnly else { return [] }
        return [diagnostic(.warning, .writableAPI, document, at: ["server", "api", "enabled"],
            "telemt's HTTP API is enabled and writable (the default): edits through it rewrite [access.*], "
                + "appear as drift and are undone at the next reconcile",
            fix: "set enabled = false or read_only = true in [server.api]")]
    }

    /// `[censorship] tls_domain` / `tls_domains`: telemt rejects empty names, whitespace, `/` and `\`;
    /// we also warn about what cannot be a host name (ports, bad labels), since ee-links carry it.
    func tlsDomains(_ document: TOMLDocument) -> [TemplateDiagnostic] {
        var result: [TemplateDiagnostic] = []
        var values: [(TOMLValue, [String])] = []
        if let domain = document[["censorship", "tls_domain"]] { values.append((domain, ["censorship", "tls_domain"])) }
        for element in document[["censorship", "tls_domains"]]?.arrayValue ?? [] {
            values.append((element, ["censorship", "tls_domains"]))
        }
        for (value, path) in values {
            let name = path.joined(separator: ".")
            guard let domain = value.stringValue else {
                result.append(diagnostic(.error, .invalidTLSDomain, document, at: path,
                    "\(name) must be a string, found a \(value.typeName)", fix: "write it as a quoted domain, e.g. \"www.example.com\""))
                continue
            }
            if let problem = Self.domainProblem(domain) {
                result.append(diagnostic(problem.severity, .invalidTLSDomain, document, at: path,
                    "\(name) \(TOMLEncoding.quoted(domain)) \(problem.reason)",
                    fix: "use a plain host name of a real HTTPS site, e.g. \"www.example.com\""))
            }
        }
        return result
    }

    static func domainProblem(_ domain: String) -> (severity: TemplateDiagnostic.Severity, reason: String)? {
        let trimmed = domain.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return (.error, "is empty; telemt refuses it") }
        if trimmed.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0 == "/" || $0 == "\\" }) {
            return (.error, "contains whitespace, / or \\; telemt refuses it")
        }
        if trimmed.utf8.count > 253 { return (.warning, "is longer than 253 bytes") }
        for label in trimmed.split(separator: ".", omittingEmptySubsequences: false) {
            if label.isEmpty { return (.warning, "has an empty label (leading, trailing or double dot)") }
            if label.utf8.count > 63 { return (.warning, "has a label longer than 63 bytes") }
            if label.hasPrefix("-") || label.hasSuffix("-") { return (.warning, "has a label starting or ending with -") }
            if label.unicodeScalars.contains(where: { $0.isASCII && !($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }) {
                return (.warning, "is not a host name (only letters, digits, - and dots; no port)")
            }
        }
        return nil
    }

    /// telemt serves `/metrics` only when `metrics_port` or `metrics_listen` is set.
    func metrics(_ document: TOMLDocument) -> [TemplateDiagnostic] {
        guard document[["server", "metrics_port"]] == nil, document[["server", "metrics_listen"]] == nil else { return [] }
        return [diagnostic(.warning, .metricsDisabled, document, at: ["server"],
            "neither metrics_port nor metrics_listen is set in [server]: telemt serves no /metrics, so traffic "
                + "is not recorded and quotas are not enforced",
            fix: "set metrics_listen = \"127.0.0.1:9090\" in [server] and point telemt-gitops at it")]
    }
}
