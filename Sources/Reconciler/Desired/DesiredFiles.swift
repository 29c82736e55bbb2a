public import Spec

/// The files of a desired-state repository that matter, however they were read (a local
/// directory or a git revision): the user specs, the optional `telemt.toml` template and the
/// committed status files.
public struct DesiredFiles: Sendable, Equatable {
    /// `users.yaml`, then `users/*.yaml` in name order.
    public var users: [SpecSource]
    /// `telemt.toml`, the template for everything that is not a user table, if the repository has one.
    public var template: DesiredFile?
    /// `status/*.yaml`, written by the reconciler.
    public var status: [DesiredFile]

    /// Creates the set directly.
    public init(users: [SpecSource], template: DesiredFile? = nil, status: [DesiredFile] = []) {
        self.users = users
        self.template = template
        self.status = status
    }

    /// Picks the desired-state files out of a repository tree given as paths relative to its root
    /// (or to the configured sub-path); `displayPrefix` is put before paths in messages.
    public init(tree: [String: [UInt8]], displayPrefix: String = "") throws(DesiredFilesError) {
        var users: [SpecSource] = []
        // One rule for names: `.yaml` or `.yml`, at the top as in users/ (both top files are read, and merged).
        for name in Self.topUserFiles {
            if let main = tree[name] { users.append(SpecSource(path: displayPrefix + name, bytes: main)) }
        }
        let split = tree.keys.filter { Self.isSplitUserFile($0) }.sorted()
        users += split.map { SpecSource(path: displayPrefix + $0, bytes: tree[$0]!) }
        guard !users.isEmpty else {
            throw DesiredFilesError(path: displayPrefix.isEmpty ? "." : displayPrefix, problem: .noUsers)
        }
        self.users = users
        self.template = tree["telemt.toml"].map { DesiredFile(path: displayPrefix + "telemt.toml", bytes: $0) }
        self.status = tree.keys.filter(Self.isStatusFile).sorted()
            .map { DesiredFile(path: displayPrefix + $0, bytes: tree[$0]!) }
    }

    /// The top-level spec file names, read before `users/`.
    static let topUserFiles = ["users.yaml", "users.yml"]

    /// `users/NAME.yaml` (or `.yml`), one level deep, not hidden. Local and git readers both use it.
    static func isSplitUserFile(_ path: String) -> Bool {
        isVisibleYAML(path, in: "users/")
    }

    /// `status/NODE.yaml` (or `.yml`), one level deep, not hidden. Local and git readers both use it.
    static func isStatusFile(_ path: String) -> Bool {
        isVisibleYAML(path, in: "status/")
    }

    private static func isVisibleYAML(_ path: String, in folder: String) -> Bool {
        guard path.hasPrefix(folder) else { return false }
        let name = path.dropFirst(folder.count)
        return !name.contains("/") && !name.hasPrefix(".") && (name.hasSuffix(".yaml") || name.hasSuffix(".yml"))
    }
}

/// One file of the desired-state repository: its path (relative to the repository's sub-path when
/// read from git, as given when read from a local directory) and its bytes exactly as stored.
public struct DesiredFile: Sendable, Hashable {
    /// The path shown in messages.
    public var path: String
    /// The file's bytes.
    public var bytes: [UInt8]

    /// Creates the file.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}
