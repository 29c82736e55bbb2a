/// One spec file's bytes and the path used in diagnostics. The caller reads the file; ``SpecLoader`` does no I/O.
public struct SpecSource: Sendable, Equatable {
    /// The path printed in diagnostics (relative paths stay relative), such as `users.yaml` or `users/team-a.yaml`.
    public var path: String
    /// The file's contents, UTF-8.
    public var bytes: [UInt8]

    /// Creates a source.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}
