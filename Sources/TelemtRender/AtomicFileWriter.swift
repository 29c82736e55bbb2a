public import Foundation

/// Writes a file the way telemt's hot reload needs: all or nothing, never half-written.
///
/// The new bytes go to a temporary file in the same directory, which is flushed (`fsync`), given
/// the existing file's mode (without "other" access when the writer is for secret files) and owner
/// (when running as root), renamed over the target, and the directory is flushed too. When the path
/// is a symbolic link to a file in the same directory tree, the file it points to is replaced and the
/// link is kept; a link leading out of the directory is refused (a writable config directory must not
/// let anyone aim a root-run writer at another file). When the bytes are already there, nothing is
/// touched at all.
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
    /// A step made to fail (tests only): proves a failure anywhere leaves the previous file in place.
    var failingStep: FileWriteError.Operation?

    /// Creates a writer; new files get `newFileMode` (0600 by default: configs hold secrets).
    public init(newFileMode: mode_t = 0o600) {
        self.newFileMode = newFileMode
    }

    /// Writes `bytes` to `path` atomically, unless the file already holds exactly those bytes.
    @discardableResult
    public func write(_ bytes: [UInt8], to path: String) throws(FileWriteError) -> Outcome {
        let target = try AtomicWriteTarget(path: path)
        defer { target.close() }
        var existing = stat()
        let exists = fstatat(target.directory, target.name, &existing, AT_SYMLINK_NOFOLLOW) == 0
            && existing.st_mode & S_IFMT == S_IFREG
        if exists, let current = FileManager.default.contents(atPath: target.path), current.elementsEqual(bytes) {
            // Equal bytes are left alone, but not a mode that lets others read them (a file of secrets).
            let kept = keptMode(existing.st_mode)
            if kept != existing.st_mode & 0o777 { _ = fchmodat(target.directory, target.name, kept, 0) }
            return .unchanged
        }
        let temp = ".\(target.name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let mode = exists ? keptMode(existing.st_mode) : newFileMode
        do {
            try writeTemp(bytes, to: temp, in: target, mode: mode, owner: exists ? (existing.st_uid, existing.st_gid) : nil)
        } catch {
            var failure = error
            failure.previousFileExists = exists
            throw failure
        }
        guard !fails(.rename), renameat(target.directory, temp, target.directory, target.name) == 0 else {
            let code = errno
            unlinkat(target.directory, temp, 0)
            throw FileWriteError(path: target.path, operation: .rename, errno: code, previousFileExists: exists)
        }
        guard !fails(.fsync), fsync(target.directory) == 0 else {
            throw FileWriteError(path: target.directoryPath, operation: .fsync, errno: errno)
        }
        return .written
    }

    /// The existing file's permission bits; for a writer of secret files (no "other" bits in
    /// `newFileMode`), "other" access and the special bits are dropped, so a 0644 config becomes 0640.
    private func keptMode(_ mode: mode_t) -> mode_t {
        newFileMode & 0o007 == 0 ? mode & 0o770 : mode & 0o777
    }

    /// True when `step` is the injected failure (setting `errno` like a real one).
    private func fails(_ step: FileWriteError.Operation) -> Bool {
        guard failingStep == step else { return false }
        errno = EIO
        return true
    }

    private func writeTemp(_ bytes: [UInt8], to temp: String, in target: AtomicWriteTarget, mode: mode_t,
                           owner: (uid_t, gid_t)?) throws(FileWriteError) {
        let path = target.directoryPath + "/" + temp
        let fd = fails(.create) ? -1 : openat(target.directory, temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileWriteError(path: path, operation: .create, errno: errno) }
        var failure: FileWriteError?
        if fails(.chmod) || fchmod(fd, mode) != 0 {
            failure = FileWriteError(path: path, operation: .chmod, errno: errno)
        } else if let owner, geteuid() == 0, fails(.chown) || fchown(fd, owner.0, owner.1) != 0 {
            failure = FileWriteError(path: path, operation: .chown, errno: errno)
        } else if fails(.write) || !writeAll(fd, bytes) {
            failure = FileWriteError(path: path, operation: .write, errno: errno)
        } else if fsync(fd) != 0 {
            failure = FileWriteError(path: path, operation: .fsync, errno: errno)
        }
        Foundation.close(fd)
        if let failure {
            unlinkat(target.directory, temp, 0)
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
}
