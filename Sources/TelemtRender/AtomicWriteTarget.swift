import Foundation

/// The file an ``AtomicFileWriter`` replaces: the path with its symbolic links followed, held as an
/// open descriptor of the directory it is in (so the directory cannot be swapped between the check
/// and the rename) and a name inside it. A target outside the directory tree of the given path is
/// refused.
struct AtomicWriteTarget {
    /// The directory holding the file, open for `openat`/`renameat`.
    let directory: Int32
    /// That directory's real path (for messages and reading).
    let directoryPath: String
    /// The file's name inside `directory`.
    let name: String

    /// The full path of the file.
    var path: String { directoryPath + "/" + name }

    init(path: String) throws(FileWriteError) {
        let resolved = Self.followLinks(path)
        let parent = Self.parent(of: resolved)
        let fd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw FileWriteError(path: resolved, operation: .create, errno: errno, previousFileExists: false) }
        guard let real = Self.realPath(ofOpenDirectory: fd, path: parent),
              let home = Self.realPath(Self.parent(of: path)), real == home || real.hasPrefix(home == "/" ? "/" : home + "/")
        else {
            Foundation.close(fd)
            throw FileWriteError(path: path, operation: .followSymlink, errno: ELOOP, linkTarget: resolved)
        }
        directory = fd
        directoryPath = real
        name = (resolved as NSString).lastPathComponent
    }

    func close() {
        Foundation.close(directory)
    }

    private static func parent(of path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return directory.isEmpty ? "." : directory
    }

    private static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// The real path of an open directory: from `/proc` where there is one (no window between the
    /// check and the use), else from its path.
    private static func realPath(ofOpenDirectory fd: Int32, path: String) -> String? {
        realPath("/proc/self/fd/\(fd)") ?? realPath(path)
    }

    /// The file a symbolic link points to (followed to the end, even when the target does not exist
    /// yet); any other path as it is.
    private static func followLinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count > 0 else { return current }
            let target = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let directory = (current as NSString).deletingLastPathComponent
            current = target.hasPrefix("/") || directory.isEmpty ? target : directory + "/" + target
        }
        return current
    }
}
