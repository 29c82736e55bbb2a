/// One problem found in a spec file, with its position and what to do about it.
public struct SpecDiagnostic: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Whether the problem stops the spec from being used.
    public enum Severity: String, Sendable, Equatable, Hashable {
        /// The spec is rejected.
        case error
        /// The spec is accepted, but something deserves attention.
        case warning
    }

    /// Error or warning.
    public var severity: Severity
    /// Where the problem is.
    public var location: SourceLocation
    /// What is wrong, in one sentence.
    public var message: String
    /// What to do about it (for example "did you mean `data_limit`?"), if anything useful can be said.
    public var hint: String?

    /// Creates a diagnostic.
    public init(_ severity: Severity, at location: SourceLocation, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// `file:line:col: error: message (hint)`, compiler style.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let hint { text += " (\(hint))" }
        return text
    }
}

/// The error thrown when a spec has at least one error; it carries every diagnostic of the run.
public struct SpecValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// All diagnostics found, errors and warnings, in file and position order.
    public var diagnostics: [SpecDiagnostic]

    /// Creates the error.
    public init(diagnostics: [SpecDiagnostic]) {
        self.diagnostics = diagnostics
    }

    /// The diagnostics that are errors.
    public var errors: [SpecDiagnostic] { diagnostics.filter { $0.severity == .error } }

    /// One line per diagnostic, then the closing line `validate` prints.
    public var description: String {
        report(rerun: "telemt-gitops validate")
    }

    /// One line per diagnostic, then ``closingLine(errors:effect:rerun:)``.
    public func report(rerun command: String, effect: String? = nil) -> String {
        (diagnostics.map(\.description) + [Self.closingLine(errors: errors.count, effect: effect, rerun: command)])
            .joined(separator: "\n")
    }

    /// The last line after a list of errors, the same for every command:
    /// `2 errors; nothing was written. Fix the lines above and run `telemt-gitops render` again.`
    /// `effect` says what the command did not do because of them (`nil` when it changes nothing anyway).
    public static func closingLine(errors count: Int, effect: String?, rerun command: String) -> String {
        "\(count) error\(count == 1 ? "" : "s")\(effect.map { "; \($0)" } ?? ""). "
            + "Fix the lines above and run `\(command)` again."
    }
}
