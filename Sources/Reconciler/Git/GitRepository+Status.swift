import CGit2
import Foundation

extension GitRepository {
    /// The newest commit at or below `tip` (first parents) that is not a status commit, and how many
    /// status commits were skipped. Status commits carry the trailer and change only `status/` files.
    func desiredCommit(from tip: CommitID, subPath: String, maxWalk: Int = 10_000) throws(GitSourceError)
        -> (commit: CommitID, skipped: Int) {
        var current = tip
        var skipped = 0
        while skipped < maxWalk, let parent = try statusCommitParent(current, subPath: subPath) {
            current = parent
            skipped += 1
        }
        return (current, skipped)
    }

    /// The parent of `id` when `id` is a status commit; nil otherwise.
    func statusCommitParent(_ id: CommitID, subPath: String) throws(GitSourceError) -> CommitID? {
        let commit = try lookupCommit(id)
        defer { git_commit_free(commit) }
        let metadata = CommitMetadata(commit: commit, id: id)
        guard metadata.statusTrailer != nil, metadata.parents.count == 1 else { return nil }
        let parent = try lookupCommit(metadata.parents[0])
        defer { git_commit_free(parent) }
        let prefix = RepoPath.join(subPath, "status") + "/"
        let paths = try changedPaths(from: parent, to: commit)
        return paths.allSatisfy { $0.hasPrefix(prefix) } ? metadata.parents[0] : nil
    }

    /// Paths changed between two commits' trees.
    func changedPaths(from old: OpaquePointer, to new: OpaquePointer) throws(GitSourceError) -> [String] {
        var oldTree: OpaquePointer?
        var newTree: OpaquePointer?
        try LibGit2.check(git_commit_tree(&oldTree, old), "read tree")
        defer { git_tree_free(oldTree) }
        try LibGit2.check(git_commit_tree(&newTree, new), "read tree")
        defer { git_tree_free(newTree) }
        var diff: OpaquePointer?
        try LibGit2.check(git_diff_tree_to_tree(&diff, pointer, oldTree, newTree, nil), "diff trees")
        defer { git_diff_free(diff) }
        return (0..<git_diff_num_deltas(diff)).flatMap { index -> [String] in
            guard let delta = git_diff_get_delta(diff, index) else { return [] }
            return [delta.pointee.old_file.path, delta.pointee.new_file.path].compactMap { $0 }
                .map { String(cString: $0) }
        }
    }

    /// Creates (without moving any ref) a commit on `parent` whose tree is the parent's with `path` set to
    /// `contents`; nil when that would change nothing. With no parent the commit holds only that file.
    func makeStatusCommit(parent: CommitID?, path: String, contents: [UInt8], node: String,
                          botName: String, botEmail: String) throws(GitSourceError) -> CommitID? {
        let parentCommit = try parent.map { id throws(GitSourceError) in try lookupCommit(id) }
        defer { if let parentCommit { git_commit_free(parentCommit) } }
        var index: OpaquePointer?
        try LibGit2.check(git_index_new(&index), "create index")
        defer { git_index_free(index) }
        var parentTreeID: git_oid?
        if let parentCommit {
            var tree: OpaquePointer?
            try LibGit2.check(git_commit_tree(&tree, parentCommit), "read tree")
            defer { git_tree_free(tree) }
            parentTreeID = git_tree_id(tree).pointee
            try LibGit2.check(git_index_read_tree(index, tree), "load tree")
        }
        try addBlob(contents, at: path, to: index)
        var treeID = git_oid()
        try LibGit2.check(git_index_write_tree_to(&treeID, index, pointer), "write tree")
        if var parentTreeID, git_oid_equal(&parentTreeID, &treeID) == 1 { return nil }
        return try commit(tree: treeID, parent: parentCommit, message: StatusCommit.message(node: node),
                          botName: botName, botEmail: botEmail)
    }

    private func addBlob(_ contents: [UInt8], at path: String, to index: OpaquePointer?) throws(GitSourceError) {
        var blobID = git_oid()
        let code = contents.withUnsafeBytes { git_blob_create_from_buffer(&blobID, pointer, $0.baseAddress, $0.count) }
        try LibGit2.check(code, "write blob \(path)")
        var entry = git_index_entry()
        entry.mode = GIT_FILEMODE_BLOB.rawValue
        entry.id = blobID
        entry.file_size = UInt32(clamping: contents.count)
        let code2 = path.withCString { cPath in
            entry.path = cPath
            return git_index_add(index, &entry)
        }
        try LibGit2.check(code2, "stage \(path)")
    }

    private func commit(tree treeID: git_oid, parent: OpaquePointer?, message: String,
                        botName: String, botEmail: String) throws(GitSourceError) -> CommitID {
        var treeID = treeID
        var tree: OpaquePointer?
        try LibGit2.check(git_tree_lookup(&tree, pointer, &treeID), "look up tree")
        defer { git_tree_free(tree) }
        var signature: UnsafeMutablePointer<git_signature>?
        try LibGit2.check(git_signature_now(&signature, botName, botEmail), "create bot signature")
        defer { git_signature_free(signature) }
        var commitID = git_oid()
        var parents: [OpaquePointer?] = parent.map { [$0] } ?? []
        let code = parents.withUnsafeMutableBufferPointer { buffer in
            git_commit_create(&commitID, pointer, nil, signature, signature, "UTF-8", message, tree,
                              buffer.count, buffer.baseAddress)
        }
        try LibGit2.check(code, "create status commit")
        return CommitID(oid: commitID)
    }
}
