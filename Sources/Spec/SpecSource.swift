/// The bytes of one spec file and the path to report in diagnostics.
public struct SpecSource: Sendable, Equatable {
    /// The path shown in messages (as given; relative paths stay relative).
    public var path: String
    /// The file's contents.
    public var bytes: [UInt8]

    /// Creates a source.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}
