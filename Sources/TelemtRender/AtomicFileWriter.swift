public import Foundation

/// Writes a file the way telemt's hot reload needs: all or nothing, never half-written.
///
/// The new bytes go to a temporary file in the same directory, which is flushed (`fsync`), given
/// the existing file's mode (without "other" access when the writer is for secret files) and owner
/// (when running as root), renamed over the target, and the
/// directory is flushed too. When the path is a symbolic link, the file it points to is replaced
/// and the link is kept. When the bytes are already there, nothing is touched at all.
public struct AtomicFileWriter: Sendable {
    /// What a write did.
    public enum Outcome: Sendable, Equatable {
        /// The file already had these bytes; it was not touched.
        case unchanged
        /// The file was created or replaced.
        case written
    }

    /// The mode of a file that does not exist yet.
    public var newFileMode: mode_t

    /// Creates a writer; new files get `newFileMode` (0600 by default: configs hold secrets).
    public init(newFileMode: mode_t = 0o600) {
        self.newFileMode = newFileMode
    }

    /// Writes `bytes` to `path` atomically, unless the file already holds exactly those bytes.
    @discardableResult
    public func write(_ bytes: [UInt8], to path: String) throws(FileWriteError) -> Outcome {
        let target = resolvedTarget(path)
        var existing = stat()
        let exists = stat(target, &existing) == 0
        if exists, let current = FileManager.default.contents(atPath: target), current.elementsEqual(bytes) {
            return .unchanged
        }
        let directory = (target as NSString).deletingLastPathComponent
        let dir = directory.isEmpty ? "." : directory
        let temp = dir + "/." + (target as NSString).lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let mode = exists ? keptMode(existing.st_mode) : newFileMode
        try writeTemp(bytes, to: temp, mode: mode, owner: exists ? (existing.st_uid, existing.st_gid) : nil)
        guard rename(temp, target) == 0 else {
            let code = errno
            unlink(temp)
            throw FileWriteError(path: target, operation: .rename, errno: code)
        }
        try syncDirectory(dir)
        return .written
    }

    /// The existing file's permission bits; for a writer of secret files (no "other" bits in
    /// `newFileMode`), "other" access and the special bits are dropped, so a 0644 config becomes 0640.
    private func keptMode(_ mode: mode_t) -> mode_t {
        newFileMode & 0o007 == 0 ? mode & 0o770 : mode & 0o777
    }

    /// The file a symbolic link points to (followed to the end, even when the target does not exist
    /// yet), so the link itself is never replaced; any other path as it is.
    private func resolvedTarget(_ path: String) -> String {
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

    private func writeTemp(_ bytes: [UInt8], to temp: String, mode: mode_t, owner: (uid_t, gid_t)?) throws(FileWriteError) {
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileWriteError(path: temp, operation: .create, errno: errno) }
        var failure: FileWriteError?
        if fchmod(fd, mode) != 0 {
            failure = FileWriteError(path: temp, operation: .chmod, errno: errno)
        } else if let owner, geteuid() == 0, fchown(fd, owner.0, owner.1) != 0 {
            failure = FileWriteError(path: temp, operation: .chown, errno: errno)
        } else if !writeAll(fd, bytes) {
            failure = FileWriteError(path: temp, operation: .write, errno: errno)
        } else if fsync(fd) != 0 {
            failure = FileWriteError(path: temp, operation: .fsync, errno: errno)
        }
        close(fd)
        if let failure {
            unlink(temp)
            throw failure
        }
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += count
            }
            return true
        }
    }

    private func syncDirectory(_ directory: String) throws(FileWriteError) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw FileWriteError(path: directory, operation: .fsync, errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw FileWriteError(path: directory, operation: .fsync, errno: errno) }
    }
}

/// A file that could not be written; the previous file, if any, is still in place.
public struct FileWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The step that failed.
    public enum Operation: String, Sendable, Equatable {
        case create, chmod, chown, write, fsync, rename
    }

    /// The file or directory the step worked on.
    public var path: String
    /// The step that failed.
    public var operation: Operation
    /// The system's error number.
    public var errno: Int32

    public var description: String {
        "\(path): \(operation.rawValue) failed: \(String(cString: strerror(errno))); "
            + "the previous file was left in place; check the directory's permissions and free space"
    }
}
