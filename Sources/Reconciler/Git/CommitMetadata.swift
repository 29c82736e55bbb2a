import CGit2
import Foundation

/// Author, time, subject and message of a commit, copied out of libgit2.
struct CommitMetadata {
    let id: CommitID
    let author: String
    let date: Date
    let subject: String
    let message: String
    let parents: [CommitID]

    init(commit: OpaquePointer, id: CommitID) {
        self.id = id
        if let signature = git_commit_author(commit) {
            let name = signature.pointee.name.map { String(cString: $0) } ?? ""
            let email = signature.pointee.email.map { String(cString: $0) } ?? ""
            author = "\(name) <\(email)>"
            date = Date(timeIntervalSince1970: TimeInterval(signature.pointee.when.time))
        } else {
            author = ""
            date = Date(timeIntervalSince1970: 0)
        }
        subject = git_commit_summary(commit).map { String(cString: $0) } ?? ""
        message = git_commit_message(commit).map { String(cString: $0) } ?? ""
        parents = (0..<git_commit_parentcount(commit)).compactMap { index in
            git_commit_parent_id(commit, index).map { CommitID(oid: $0.pointee) }
        }
    }

    /// The value of the `Telemt-Gitops-Status:` trailer, if the message has one.
    var statusTrailer: String? {
        for line in message.split(separator: "\n").reversed() {
            if line.hasPrefix(StatusCommit.trailer + ":") {
                return line.dropFirst(StatusCommit.trailer.count + 1).trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}

/// Conventions of the status commits the git source writes.
public enum StatusCommit {
    /// The trailer that marks a status commit; its value is the node name.
    public static let trailer = "Telemt-Gitops-Status"

    /// The commit message for `node`'s status.
    static func message(node: String) -> String {
        "status: \(node)\n\n\(trailer): \(node)\n"
    }
}
