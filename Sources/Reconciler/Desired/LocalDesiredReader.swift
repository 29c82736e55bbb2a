import Foundation

/// Reads the desired state from a local directory (a checkout, e.g. of a pull request in CI) or from a
/// single YAML file, with the same bounds as the git reader: file size, total size, entries per
/// directory; and no symbolic link out of the directory.
public struct LocalDesiredReader: Sendable {
    /// Size and count bounds (the git reader's, by default).
    public var limits: GitReadLimits

    /// Creates a reader.
    public init(limits: GitReadLimits = GitReadLimits()) {
        self.limits = limits
    }

    /// The desired-state files at `path`: a directory with `users.yaml` (or `users.yml`) and/or `users/*.yaml`
    /// (plus optional `telemt.toml` and `status/`), or one YAML file.
    public func read(_ path: String) throws(DesiredFilesError) -> DesiredFiles {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DesiredFilesError(path: path, problem: .unreadable("no such file or directory"))
        }
        if !isDirectory.boolValue {
            return DesiredFiles(users: [.init(path: path, bytes: try bytes(of: path, limit: limits.maxFileBytes))])
        }
        let prefix = path.hasSuffix("/") ? path : path + "/"
        let root = Self.realPath(prefix) ?? prefix
        var tree: [String: [UInt8]] = [:]
        var remaining = limits.maxTotalBytes
        for relative in try candidates(in: prefix) {
            try checkInside(prefix + relative, root: root)
            let content = try bytes(of: prefix + relative, limit: limits.maxFileBytes)
            guard content.count <= remaining else {
                throw DesiredFilesError(path: prefix + relative, problem: .totalTooLarge(limit: limits.maxTotalBytes))
            }
            remaining -= content.count
            tree[relative] = content
        }
        return try DesiredFiles(tree: tree, displayPrefix: path == "." ? "" : prefix)
    }

    /// One file, such as a template given on the command line.
    public func file(_ path: String) throws(DesiredFilesError) -> DesiredFile {
        DesiredFile(path: path, bytes: try bytes(of: path, limit: limits.maxFileBytes))
    }

    private func candidates(in prefix: String) throws(DesiredFilesError) -> [String] {
        let manager = FileManager.default
        var paths = (DesiredFiles.topUserFiles + ["telemt.toml"]).filter { manager.fileExists(atPath: prefix + $0) }
        for folder in ["users", "status"] {
            guard let names = try? manager.contentsOfDirectory(atPath: prefix + folder) else { continue }
            guard names.count <= limits.maxFiles else {
                throw DesiredFilesError(path: prefix + folder, problem: .tooManyFiles(limit: limits.maxFiles))
            }
            paths += names.map { "\(folder)/\($0)" }
                .filter(folder == "status" ? DesiredFiles.isStatusFile : DesiredFiles.isSplitUserFile)
        }
        return paths.sorted()
    }

    /// Refuses a file whose real path (links followed, the directories' too) is outside `root`.
    private func checkInside(_ path: String, root: String) throws(DesiredFilesError) {
        guard let real = Self.realPath(path) else { return }  // missing: reading reports it
        guard !real.hasPrefix(root == "/" ? "/" : root + "/") else { return }
        throw DesiredFilesError(path: path, problem: .leavesTree(target: real, root: root))
    }

    private static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
