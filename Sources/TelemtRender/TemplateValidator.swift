/// Checks a `config.toml` template for what telemt would reject or what breaks telemt-gitops,
/// before anything is rendered or written.
///
/// ```swift
/// let diagnostics = TemplateValidator().validate(templateText)
/// if diagnostics.contains(where: { $0.severity == .error }) { /* refuse the revision */ }
/// ```
public struct TemplateValidator: Sendable {
    /// Creates a validator.
    public init() {}

    /// All diagnostics for a template, in source order. A syntax error is the only diagnostic.
    public func validate(_ template: String) -> [TemplateDiagnostic] {
        do {
            return validate(try Self.document(Array(template.utf8)))
        } catch {
            return [Self.syntaxDiagnostic(error)]
        }
    }

    /// A template (or an existing config used as one) parsed for validation and rendering.
    ///
    /// The managed `[access.*]` tables are replaced whole, so their entries need no value tree: when
    /// they have the simple form telemt-gitops writes, they are only located (their tables in
    /// ``TOMLDocument/root`` are left empty), which keeps a host config of 100k users cheap to read.
    /// Anything else goes through the general parser, which also gives the exact error.
    public static func document(_ bytes: [UInt8]) throws(TOMLParseError) -> TOMLDocument {
        if let captured = ManagedTables.parseCapturing(bytes) { return captured.document }
        return try TOMLDocument(parsing: bytes)
    }

    /// The diagnostic of a template that does not parse.
    public static func syntaxDiagnostic(_ error: TOMLParseError) -> TemplateDiagnostic {
        TemplateDiagnostic(severity: .error, rule: .syntax, location: error.location, message: error.message, fix: error.hint)
    }

    /// All diagnostics for a parsed template, in source order.
    public func validate(_ document: TOMLDocument) -> [TemplateDiagnostic] {
        var diagnostics = managedTableForm(document)
        diagnostics += userTelemetry(document)
        diagnostics += writableAPI(document)
        diagnostics += tlsDomains(document)
        diagnostics += metrics(document)
        diagnostics += accessSettings(document)
        diagnostics += unmanagedPerUserTables(document)
        diagnostics += includes(document)
        return diagnostics.sorted { $0.location.offset < $1.location.offset }
    }

    static let start = TOMLSourceLocation(line: 1, column: 1, offset: 0)

    func diagnostic(
        _ severity: TemplateDiagnostic.Severity, _ rule: TemplateDiagnostic.Rule, _ document: TOMLDocument,
        at path: [String], _ message: String, fix: String
    ) -> TemplateDiagnostic {
        var location: TOMLSourceLocation?
        var prefix = path
        while location == nil, !prefix.isEmpty {
            location = document.location(of: prefix)
            prefix.removeLast()
        }
        return TemplateDiagnostic(severity: severity, rule: rule, location: location ?? Self.start, message: message, fix: fix)
    }
}
