import Foundation

/// A file that could not be written; the previous file, if any, is still in place.
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

    /// Creates an error.
    public init(path: String, operation: Operation, errno: Int32, linkTarget: String? = nil) {
        self.path = path
        self.operation = operation
        self.errno = errno
        self.linkTarget = linkTarget
    }

    public var description: String {
        if operation == .followSymlink {
            let directory = (path as NSString).deletingLastPathComponent
            return "\(path) is a symbolic link to \(linkTarget ?? "?"), outside \(directory.isEmpty ? "." : directory); "
                + "refusing to write through it (anyone who can write that directory could aim it at any file). "
                + "The previous file was left in place; point the link at a file inside the directory, "
                + "or give the real path"
        }
        return "\(path): \(operation.rawValue) failed: \(String(cString: strerror(errno))); "
            + "the previous file was left in place; check the directory's permissions and free space"
    }
}
