public import Spec
public import TelemtRender

/// Why a desired state cannot be applied. Nothing was written when this is thrown.
public enum DesiredStateError: Error, Sendable, CustomStringConvertible {
    /// The user specs have errors (all of them are listed).
    case spec(SpecValidationError)
    /// The telemt template has errors.
    case template(path: String, lines: [String])
    /// Two users would share a secret.
    case secrets(DuplicateSecretError)
    /// The managed tables could not be rendered into the template.
    case render(path: String, ConfigRenderError)
    /// The spec has no user; telemt refuses a config whose `[access.users]` is empty.
    case noUsers(path: String)
    /// No template: neither `--template`, nor `telemt.toml` in the repository, nor an existing config.
    case noTemplate(configPath: String)

    /// Every line to show, compiler style, without the closing summary.
    public var lines: [String] {
        switch self {
        case .spec(let error): error.diagnostics.map(\.description)
        case .template(_, let lines): lines
        case .secrets(let error): [error.description]
        case .render(let path, .template(let error)):
            [Self.positioned(error, in: path)]
        case .render(let path, let error): ["\(path): error: \(error)"]
        case .noUsers(let path):
            ["\(path): error: no users: telemt refuses a config with an empty [access.users] (and keeps serving the old users); add at least one user"]
        case .noTemplate(let config):
            ["error: no telemt template: pass --template FILE, add telemt.toml to the repository, or keep an existing \(config) to render into"]
        }
    }

    /// The lines and the closing line of `validate`.
    public var description: String {
        report(rerun: "telemt-gitops validate")
    }

    /// The lines, then a closing line with the error count, what was not done (`effect`, for
    /// example "nothing was written") and the command to run again.
    public func report(rerun command: String, effect: String? = nil) -> String {
        let count = max(1, lines.filter { $0.contains("error: ") }.count)
        return (lines + [SpecValidationError.closingLine(errors: count, effect: effect, rerun: command)]).joined(separator: "\n")
    }

    /// `file:line:col: error: message` for a template problem with a position, so editors and CI
    /// can jump to it.
    private static func positioned(_ error: ManagedTablesError, in path: String) -> String {
        guard let location = error.location else { return "\(path): error: \(error.message)" }
        return "\(path):\(location): error: \(error.message)"
    }
}
