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
