import Foundation

/// A file that could not be written; the previous file, if there was one, is still in place.
public struct FileWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The step that failed.
    public enum Operation: String, Sendable, Equatable {
        case create, chmod, chown, write, fsync, rename
        /// The path is a symbolic link to a file outside the directory it is in.
        case followSymlink = "follow symbolic link"
    }

    /// The file or directory the step worked on.
    public var path: String
    /// The step that failed.
    public var operation: Operation
    /// The system's error number.
    public var errno: Int32
    /// Where the symbolic link leads, for ``Operation/followSymlink``.
    public var linkTarget: String?
    /// Whether a file was at the path before (it is still there, unchanged), so that the message says
    /// only what is true.
    public var previousFileExists: Bool

    /// Creates an error.
    public init(path: String, operation: Operation, errno: Int32, linkTarget: String? = nil, previousFileExists: Bool = true) {
        self.path = path
        self.operation = operation
        self.errno = errno
        self.linkTarget = linkTarget
        self.previousFileExists = previousFileExists
    }

    public var description: String {
        if operation == .followSymlink {
            let directory = (path as NSString).deletingLastPathComponent
            return "\(path) is a symbolic link to \(linkTarget ?? "?"), outside \(directory.isEmpty ? "." : directory); "
                + "refusing to write through it (anyone who can write that directory could aim it at any file). "
                + "The previous file was left in place; point the link at a file inside the directory, "
                + "or give the real path"
        }
        if operation == .create, errno == ENOENT, !previousFileExists {
            let directory = (path as NSString).deletingLastPathComponent
            return "\(path): cannot create the file: the directory \(directory.isEmpty ? "." : directory) does not exist; "
                + "create it first (mkdir -p) or choose another path. Nothing was written"
        }
        let kept = previousFileExists ? "the previous file was left in place" : "nothing was written"
        return "\(path): \(operation.rawValue) failed: \(String(cString: strerror(errno))); \(kept); \(advice)"
    }

    /// What to check for this error number.
    private var advice: String {
        switch errno {
        case EACCES, EPERM: "check the directory's permissions (and run as the user that owns it)"
        case ENOSPC, EDQUOT: "free some space on that filesystem"
        case EROFS: "the filesystem is read-only; write somewhere else"
        case ENOTDIR: "a part of the path is a file, not a directory; fix the path"
        default: "check the directory's permissions and free space"
        }
    }
}
