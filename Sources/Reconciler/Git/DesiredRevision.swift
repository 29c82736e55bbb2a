public import Foundation

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
    public let userFiles: [DesiredFile]
    /// `telemt.toml` when committed.
    public let telemtTemplate: DesiredFile?
    /// The committed `status/*.yaml` files, sorted by path.
    public let statusFiles: [DesiredFile]

    /// Creates a revision value.
    public init(
        commit: CommitID, author: String, date: Date, subject: String, subPath: String,
        userFiles: [DesiredFile], telemtTemplate: DesiredFile?, statusFiles: [DesiredFile]
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
    public var files: [DesiredFile] {
        (userFiles + statusFiles + (telemtTemplate.map { [$0] } ?? [])).sorted { $0.path < $1.path }
    }

}
