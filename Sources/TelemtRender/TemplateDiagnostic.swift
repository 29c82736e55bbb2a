/// One finding of ``TemplateValidator``: what telemt would reject or what breaks telemt-gitops.
public struct TemplateDiagnostic: Sendable, Equatable, CustomStringConvertible {
    /// How bad it is.
    public enum Severity: String, Sendable, Equatable {
        /// telemt would reject the rendered config, or telemt-gitops cannot do its job: do not apply.
        case error
        /// Works, but probably not as intended.
        case warning
    }

    /// The rule that fired.
    public enum Rule: String, Sendable, Equatable, CaseIterable {
        case syntax, managedTableForm, userTelemetryDisabled, writableAPI, invalidTLSDomain
        case metricsDisabled, accessSetting, unmanagedPerUserTable, include
    }

    /// How bad it is.
    public var severity: Severity
    /// Which rule.
    public var rule: Rule
    /// Where in the template (1:1 when the problem is something missing).
    public var location: TOMLSourceLocation
    /// What is wrong.
    public var message: String
    /// What to do.
    public var fix: String

    /// Creates a diagnostic.
    public init(severity: Severity, rule: Rule, location: TOMLSourceLocation, message: String, fix: String) {
        self.severity = severity
        self.rule = rule
        self.location = location
        self.message = message
        self.fix = fix
    }

    /// `line:column: error: message; fix`.
    public var description: String { "\(location): \(severity.rawValue): \(message); \(fix)" }
}
