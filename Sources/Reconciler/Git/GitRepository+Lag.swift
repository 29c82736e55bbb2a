import CGit2
import Foundation

extension GitRepository {
    /// How many commits other than status commits lead from `applied` to `desired` along first
    /// parents: how far a node's applied revision is behind the branch. Nil when `applied` is not
    /// found within `maxWalk` commits (not an ancestor, or too far back to say).
    func desiredCommits(from applied: CommitID, to desired: CommitID, subPath: String, maxWalk: Int = 10_000) throws(GitSourceError) -> Int? {
        var current = desired
        var count = 0
        for _ in 0..<maxWalk {
            if current == applied { return count }
            let commit = try lookupCommit(current)
            let parents = CommitMetadata(commit: commit, id: current).parents
            git_commit_free(commit)
            guard let parent = parents.first else { return nil }
            if try statusCommitParent(current, subPath: subPath) == nil { count += 1 }
            current = parent
        }
        return nil
    }
}
