import Foundation
public import TelemtRender

/// telemt's `config.toml` as every command treats it — `render`, `reconcile`, `plan` and the
/// daemon go through this one type, so they cannot drift apart: the template when none is given,
/// the settings whose change needs a telemt restart, and the atomic write (0600: it holds secrets).
public struct TelemtConfigFile: Sendable {
    /// The file's path.
    public var path: String

    /// The config at `path`.
    public init(path: String) {
        self.path = path
    }

    /// The file's bytes, or nil when there is none.
    public func read() -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { Array($0) }
    }

    /// The template of a render: `explicit` (`--template`), else the repository's `telemt.toml`, else
    /// this file as it is (its other settings kept, its users replaced); nil when there is none.
    public func template(explicit: DesiredFile? = nil, repository: DesiredFile?) -> DesiredFile? {
        template(explicit: explicit, repository: repository, current: read())
    }

    /// ``template(explicit:repository:)`` with the file's bytes already read (`current`).
    public func template(explicit: DesiredFile? = nil, repository: DesiredFile?, current: [UInt8]?) -> DesiredFile? {
        explicit ?? repository ?? current.map { DesiredFile(path: path, bytes: $0) }
    }

    /// What writing `new` over `old` changes for telemt (see ``TelemtConfigChange``).
    public static func change(from old: [UInt8]?, to new: [UInt8]) -> TelemtConfigChange {
        TelemtConfigChange(old: old, new: new)
    }

    /// Writes `bytes` atomically in the file's directory (0600), or leaves an equal file alone.
    @discardableResult
    public func write(_ bytes: [UInt8]) throws(FileWriteError) -> AtomicFileWriter.Outcome {
        try AtomicFileWriter(newFileMode: 0o600).write(bytes, to: path)
    }
}

/// What a new `config.toml` changes for telemt: settings it reads only at start (a restart is
/// needed) and whether `[access]` changed (telemt counts a reload only then). Only the tables outside
/// `[access…]` are parsed: those hold every setting read at start, and the access tables of 100,000
/// users are most of the file.
public struct TelemtConfigChange: Sendable, Equatable {
    /// Settings read only at start that differ, as `server.port`.
    public var restartNeeded: [String]
    /// Whether the `[access]` tables differ (true when there was no old file or it cannot be read).
    public var access: Bool

    init(old: [UInt8]?, new: [UInt8]) {
        guard let old, old != new else {
            restartNeeded = []
            access = old == nil
            return
        }
        let before = ConfigSections(old), after = ConfigSections(new)
        access = before.access != after.access
        if let documentBefore = try? TemplateValidator.document(before.rest), let documentAfter = try? TemplateValidator.document(after.rest) {
            restartNeeded = TemplateValidator.restartRequiredChanges(from: documentBefore, to: documentAfter)
        } else {
            restartNeeded = []
            access = true
        }
    }

    /// `telemt restart needed: server.port (telemt reads these settings only at start)`, or nil.
    public var note: String? {
        restartNeeded.isEmpty ? nil : "telemt restart needed: \(restartNeeded.joined(separator: ", ")) (telemt reads these settings only at start)"
    }
}
