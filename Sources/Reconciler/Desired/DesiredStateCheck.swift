public import Spec
import TelemtRender

/// Loads and checks a desired state: the user specs through ``SpecLoader`` and, when there is one,
/// the telemt template through ``TemplateValidator``. Needs no key and no server (CI runs it).
public struct DesiredStateCheck: Sendable {
    /// The spec files and optional template.
    public var files: DesiredFiles
    /// The template to check, when it does not come from the repository (`--template`).
    public var template: DesiredFile?
    /// Parsed files kept from an earlier check (the engine's), if any.
    public var cache: SpecParseCache?

    /// Creates a check of `files`, with `template` (else the repository's `telemt.toml`, if any).
    public init(files: DesiredFiles, template: DesiredFile? = nil, cache: SpecParseCache? = nil) {
        self.files = files
        self.template = template ?? files.template
        self.cache = cache
    }

    /// The loaded spec and every warning, or an error carrying every diagnostic.
    public func run() throws(DesiredStateError) -> CheckedDesiredState {
        let loaded: LoadedSpec
        do {
            loaded = try SpecLoader.load(files.users, cache: cache)
        } catch {
            throw .spec(error)
        }
        guard !loaded.state.users.isEmpty else {
            throw .noUsers(path: files.users.first?.path ?? "users.yaml")
        }
        var warnings = loaded.warnings.map(\.description)
        if let template {
            let diagnostics: [TemplateDiagnostic]
            do {
                let document = try TemplateValidator.document(template.bytes)
                diagnostics = TemplateValidator().validate(document)
                warnings += Self.tlsDomainMismatch(loaded.state, document: document, path: template.path).map { [$0] } ?? []
            } catch {
                diagnostics = [TemplateValidator.syntaxDiagnostic(error)]
            }
            let lines = diagnostics.map { "\(template.path):\($0)" }
            if diagnostics.contains(where: { $0.severity == .error }) {
                throw .template(path: template.path, lines: lines)
            }
            warnings += lines
        }
        return CheckedDesiredState(state: loaded.state, template: template, warnings: warnings)
    }
}

extension DesiredStateCheck {
    /// ee-links carry `proxy.tls_domain`, telemt masks as `[censorship] tls_domain`: when both are
    /// set and differ, the links we print do not match the proxy. A warning, not an error: the
    /// config itself is valid, and users may hand out links from elsewhere.
    static func tlsDomainMismatch(_ state: DesiredState, document: TOMLDocument, path: String) -> String? {
        guard let specDomain = state.proxy.tlsDomain,
              let templateDomain = document[["censorship", "tls_domain"]]?.stringValue,
              templateDomain.lowercased() != specDomain.lowercased()
        else { return nil }
        let location = document.location(of: ["censorship", "tls_domain"]).map { "\($0.line):\($0.column)" } ?? "1:1"
        return "\(path):\(location): warning: [censorship] tls_domain is \"\(templateDomain)\" but users.yaml "
            + "proxy.tls_domain is \"\(specDomain)\"; the printed links carry the wrong domain: make them the same"
    }
}

/// A desired state that passed ``DesiredStateCheck``.
public struct CheckedDesiredState: Sendable {
    /// The validated users and settings.
    public var state: DesiredState
    /// The template that was checked, if any.
    public var template: DesiredFile?
    /// Warnings of the spec and the template, one `file:line:col: warning: …` line each.
    public var warnings: [String]

    /// A one-line summary for people: how many users in which state.
    public var summary: String {
        let users = state.users
        let disabled = users.filter(\.disabled).count
        let onHold = users.filter { $0.onHold != nil }.count
        var parts = ["\(users.count) user\(users.count == 1 ? "" : "s")"]
        if disabled > 0 { parts.append("\(disabled) disabled") }
        if onHold > 0 { parts.append("\(onHold) on hold") }
        return parts.joined(separator: ", ") + ", timezone \(state.timeZoneName)"
    }
}
