public import Foundation

/// One file read from a commit: its path relative to the configured sub-path, and its bytes.
public struct RevisionFile: Sendable, Hashable {
    /// Path relative to the repository sub-path, with `/` separators (`users.yaml`, `users/ops.yaml`).
    public let path: String
    /// The file's content exactly as committed.
    public let bytes: [UInt8]

    /// Creates a file value.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// The desired state as committed: what was read, from which commit, straight from the object database.
public struct DesiredRevision: Sendable, Hashable {
    /// The commit the files were read from.
    public let commit: CommitID
    /// The commit's author name and email (`Name <email>`).
    public let author: String
    /// The commit's author time.
    public let date: Date
    /// The first line of the commit message.
    public let subject: String
    /// The sub-path inside the repository the files were read under (`""` for the root).
    public let subPath: String
    /// `users.yaml` and then `users/*.yaml`, sorted by path; at least one.
    public let userFiles: [RevisionFile]
    /// `telemt.toml` when committed.
    public let telemtTemplate: RevisionFile?
    /// The committed `status/*.yaml` files, sorted by path.
    public let statusFiles: [RevisionFile]

    /// Creates a revision value.
    public init(
        commit: CommitID, author: String, date: Date, subject: String, subPath: String,
        userFiles: [RevisionFile], telemtTemplate: RevisionFile?, statusFiles: [RevisionFile]
    ) {
        self.commit = commit
        self.author = author
        self.date = date
        self.subject = subject
        self.subPath = subPath
        self.userFiles = userFiles
        self.telemtTemplate = telemtTemplate
        self.statusFiles = statusFiles
    }

    /// Every file read, sorted by path.
    public var files: [RevisionFile] {
        (userFiles + statusFiles + (telemtTemplate.map { [$0] } ?? [])).sorted { $0.path < $1.path }
    }

    /// Total size of the files read, in bytes.
    public var totalBytes: Int { files.reduce(0) { $0 + $1.bytes.count } }
}
