/// The desired-state files could not be found or read.
public struct DesiredFilesError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Problem: Sendable, Equatable {
        /// Neither `users.yaml` nor `users/*.yaml` is there.
        case noUsers
        /// The path does not exist or cannot be read.
        case unreadable(String)
        /// The file is larger than the limit.
        case tooLarge(size: Int, limit: Int)
        /// The files read together are larger than the limit.
        case totalTooLarge(limit: Int)
        /// A directory holds more entries than the limit.
        case tooManyFiles(limit: Int)
        /// A symbolic link that leads out of the directory being read.
        case leavesTree(target: String, root: String)
    }

    /// The file or directory concerned.
    public var path: String
    /// What went wrong.
    public var problem: Problem

    /// Creates the error.
    public init(path: String, problem: Problem) {
        self.path = path
        self.problem = problem
    }

    public var description: String {
        switch problem {
        case .noUsers:
            "\(path): no users.yaml and no users/*.yaml; create one (see examples/users.yaml) or point to the right directory"
        case .unreadable(let reason):
            "\(path): cannot read (\(reason)); check the path and its permissions"
        case .tooLarge(let size, let limit):
            "\(path): \(size) bytes is over the limit of \(limit) bytes for a desired-state file; split the users into users/*.yaml"
        case .totalTooLarge(let limit):
            "\(path): the desired-state files read so far are over the limit of \(limit) bytes together; "
                + "remove large files from users/ and status/"
        case .tooManyFiles(let limit):
            "\(path): holds more than \(limit) entries; merge some of the files"
        case .leavesTree(let target, let root):
            "\(path): is a symbolic link to \(target), outside \(root); refusing to read it "
                + "(a checkout could point it at any file of this machine): commit the file itself"
        }
    }
}
