public import Foundation
import Spec
public import TelemtRender

/// validate → derive secrets → render: the whole path from desired-state files to the bytes of
/// telemt's `config.toml`. Writes nothing; the caller writes the result atomically.
public struct RenderPipeline: Sendable {
    /// The moment expiries are judged against.
    public var now: Date
    /// The renderer (and its data quota policy).
    public var renderer: ConfigRenderer

    /// Creates a pipeline.
    public init(now: Date, renderer: ConfigRenderer = ConfigRenderer()) {
        self.now = now
        self.renderer = renderer
    }

    /// Renders `files` with `key` into `template` (else the repository's `telemt.toml`).
    public func run(files: DesiredFiles, template: DesiredFile?, key: MasterKey) throws(DesiredStateError) -> RenderedConfig {
        let checked = try DesiredStateCheck(files: files, template: template).run()
        guard let template = checked.template else { throw .noTemplate(configPath: "config.toml") }
        let users: [TelemtUser]
        do {
            users = try ConfigBuilder(now: now).users(of: checked.state, deriver: SecretDeriver(key: key))
        } catch {
            throw .secrets(error)
        }
        do {
            let bytes = try renderer.render(template: template.bytes, users: users)
            var checked = checked
            checked.warnings += DesiredStateCheck.unenforcedFieldWarnings(checked.state, path: files.users.first?.path ?? "users.yaml")
            return RenderedConfig(bytes: bytes, checked: checked, users: users)
        } catch {
            throw .render(path: template.path, error)
        }
    }
}

/// The output of ``RenderPipeline``: config bytes and what went into them.
public struct RenderedConfig: Sendable {
    /// The complete `config.toml`.
    public var bytes: [UInt8]
    /// The checked desired state (and its warnings).
    public var checked: CheckedDesiredState
    /// The users as rendered (secrets included: never print them).
    public var users: [TelemtUser]

    /// How many users are rendered with `user_enabled = false`.
    public var disabledCount: Int { users.filter { !$0.enabled }.count }
}
