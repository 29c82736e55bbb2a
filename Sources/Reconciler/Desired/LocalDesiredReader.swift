import Foundation

/// Reads the desired state from a local directory (a checkout) or from a single YAML file.
public struct LocalDesiredReader: Sendable {
    /// The largest file read, in bytes (100k users take about 9 MB).
    public var sizeLimit: Int

    /// Creates a reader.
    public init(sizeLimit: Int = 64 << 20) {
        self.sizeLimit = sizeLimit
    }

    /// The desired-state files at `path`: a directory with `users.yaml` and/or `users/*.yaml`
    /// (plus optional `telemt.toml` and `status/`), or one YAML file.
    public func read(_ path: String) throws(DesiredFilesError) -> DesiredFiles {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DesiredFilesError(path: path, problem: .unreadable("no such file or directory"))
        }
        if !isDirectory.boolValue {
            return DesiredFiles(users: [.init(path: path, bytes: try bytes(of: path))])
        }
        let prefix = path.hasSuffix("/") ? path : path + "/"
        var tree: [String: [UInt8]] = [:]
        for relative in try candidates(in: prefix) {
            tree[relative] = try bytes(of: prefix + relative)
        }
        return try DesiredFiles(tree: tree, displayPrefix: path == "." ? "" : prefix)
    }

    /// One file, such as a template given on the command line.
    public func file(_ path: String) throws(DesiredFilesError) -> DesiredFile {
        DesiredFile(path: path, bytes: try bytes(of: path))
    }

    private func candidates(in prefix: String) throws(DesiredFilesError) -> [String] {
        let manager = FileManager.default
        var paths = ["users.yaml", "telemt.toml"].filter { manager.fileExists(atPath: prefix + $0) }
        for folder in ["users", "status"] {
            guard let names = try? manager.contentsOfDirectory(atPath: prefix + folder) else { continue }
            paths += names.map { "\(folder)/\($0)" }
                .filter(folder == "status" ? DesiredFiles.isStatusFile : DesiredFiles.isSplitUserFile)
        }
        return paths.sorted()
    }

    private func bytes(of path: String) throws(DesiredFilesError) -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw DesiredFilesError(path: path, problem: .unreadable(String(cString: strerror(errno))))
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw DesiredFilesError(path: path, problem: .unreadable("not a regular file"))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DesiredFilesError(path: path, problem: .unreadable(String(cString: strerror(errno))))
        }
        defer { try? handle.close() }
        let data: Data?
        do {
            data = try handle.read(upToCount: sizeLimit + 1)
        } catch {
            throw DesiredFilesError(path: path, problem: .unreadable(error.localizedDescription))
        }
        let bytes = [UInt8](data ?? Data())
        guard bytes.count <= sizeLimit else {
            throw DesiredFilesError(path: path, problem: .tooLarge(size: bytes.count, limit: sizeLimit))
        }
        return bytes
    }
}
