import CGit2
import Foundation

/// Bytes left to read from one revision.
private struct ReadBudget {
    let limits: GitReadLimits
    let commit: CommitID
    var remaining: Int

    mutating func take(_ bytes: Int, path: String) throws(GitSourceError) {
        guard bytes <= limits.maxFileBytes else {
            throw .fileTooLarge(commit: commit, path: path, bytes: bytes, limitBytes: limits.maxFileBytes)
        }
        guard bytes <= remaining else {
            throw .fileTooLarge(commit: commit, path: path, bytes: bytes, limitBytes: limits.maxTotalBytes)
        }
        remaining -= bytes
    }
}

extension GitRepository {
    /// Reads the desired state at `id` under `subPath`, straight from the object database (no work tree).
    func readRevision(_ id: CommitID, subPath: String, limits: GitReadLimits) throws(GitSourceError)
        -> DesiredRevision {
        let commit = try lookupCommit(id)
        defer { git_commit_free(commit) }
        let metadata = CommitMetadata(commit: commit, id: id)
        let base = try tree(of: commit, at: subPath, commitID: id)
        defer { git_tree_free(base) }
        var budget = ReadBudget(limits: limits, commit: id, remaining: limits.maxTotalBytes)
        var users: [DesiredFile] = []
        for name in DesiredFiles.topUserFiles {
            if let file = try readFile(in: base, name: name, subPath: subPath, budget: &budget) { users.append(file) }
        }
        users += try readDirectory(in: base, name: "users", subPath: subPath, budget: &budget)
        guard !users.isEmpty else { throw .noUsersFile(commit: id, subPath: subPath) }
        let template = try readFile(in: base, name: "telemt.toml", subPath: subPath, budget: &budget)
        let status = try readDirectory(in: base, name: "status", subPath: subPath, budget: &budget)
        return DesiredRevision(
            commit: id, author: metadata.author, date: metadata.date, subject: metadata.subject,
            subPath: subPath, userFiles: users, telemtTemplate: template, statusFiles: status)
    }

    /// The `status/*.yaml` files at `id` under `subPath` (none when the commit has no such directory):
    /// every node's committed status, for a fleet's heartbeats and usage.
    func readStatusFiles(_ id: CommitID, subPath: String, limits: GitReadLimits) throws(GitSourceError) -> [DesiredFile] {
        let commit = try lookupCommit(id)
        defer { git_commit_free(commit) }
        let base: OpaquePointer
        do {
            base = try tree(of: commit, at: subPath, commitID: id)
        } catch .noUsersFile {
            return []
        }
        defer { git_tree_free(base) }
        var budget = ReadBudget(limits: limits, commit: id, remaining: limits.maxTotalBytes)
        return try readDirectory(in: base, name: "status", subPath: subPath, budget: &budget)
    }

    /// The tree at `subPath` in the commit's root tree; the caller frees it.
    func tree(of commit: OpaquePointer, at subPath: String, commitID: CommitID) throws(GitSourceError)
        -> OpaquePointer {
        var root: OpaquePointer?
        try LibGit2.check(git_commit_tree(&root, commit), "read tree of \(commitID.short)")
        guard let root else { throw .commitNotFound(commit: commitID.hex, detail: "tree missing") }
        if subPath.isEmpty { return root }
        defer { git_tree_free(root) }
        var entry: OpaquePointer?
        guard git_tree_entry_bypath(&entry, root, subPath) == 0, let entry else {
            throw .noUsersFile(commit: commitID, subPath: subPath)
        }
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == GIT_OBJECT_TREE else {
            throw .unexpectedEntry(commit: commitID, path: subPath, found: "file", expected: "directory")
        }
        var subtree: OpaquePointer?
        try LibGit2.check(git_tree_lookup(&subtree, pointer, git_tree_entry_id(entry)), "read \(subPath)")
        guard let subtree else { throw .noUsersFile(commit: commitID, subPath: subPath) }
        return subtree
    }

    /// Reads the regular file `name` directly in `tree`; nil when absent.
    private func readFile(in tree: OpaquePointer, name: String, subPath: String,
                          budget: inout ReadBudget) throws(GitSourceError) -> DesiredFile? {
        guard let entry = git_tree_entry_byname(tree, name) else { return nil }
        return try readBlob(entry: entry, relativePath: name, subPath: subPath, budget: &budget)
    }

    /// Reads every `*.yaml` file directly inside directory `name` of `tree`, sorted by name.
    private func readDirectory(in tree: OpaquePointer, name: String, subPath: String,
                               budget: inout ReadBudget) throws(GitSourceError) -> [DesiredFile] {
        guard let entry = git_tree_entry_byname(tree, name) else { return [] }
        let path = RepoPath.join(subPath, name)
        guard git_tree_entry_type(entry) == GIT_OBJECT_TREE else {
            throw .unexpectedEntry(commit: budget.commit, path: path, found: "file", expected: "directory")
        }
        var directory: OpaquePointer?
        try LibGit2.check(git_tree_lookup(&directory, pointer, git_tree_entry_id(entry)), "read \(path)")
        defer { git_tree_free(directory) }
        let count = git_tree_entrycount(directory)
        guard count <= budget.limits.maxFiles else {
            throw .tooManyFiles(commit: budget.commit, path: path, limit: budget.limits.maxFiles)
        }
        var files: [DesiredFile] = []
        for index in 0..<count {
            guard let child = git_tree_entry_byindex(directory, index) else { continue }
            let childName = String(cString: git_tree_entry_name(child))
            let wanted = name == "users" ? DesiredFiles.isSplitUserFile : DesiredFiles.isStatusFile
            guard wanted("\(name)/\(childName)"), git_tree_entry_type(child) != GIT_OBJECT_TREE else { continue }
            guard RepoPath.isSafeName(childName) else {
                throw .unsafePath(path: RepoPath.join(path, childName), reason: "not a plain file name")
            }
            let relative = "\(name)/\(childName)"
            if let file = try readBlob(entry: child, relativePath: relative, subPath: subPath, budget: &budget) {
                files.append(file)
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Reads a blob entry after checking its mode and size (the size comes from the object header,
    /// so an oversized blob is refused before it is loaded).
    private func readBlob(entry: OpaquePointer, relativePath: String, subPath: String,
                          budget: inout ReadBudget) throws(GitSourceError) -> DesiredFile? {
        let path = RepoPath.join(subPath, relativePath)
        let mode = git_tree_entry_filemode(entry)
        guard mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE else {
            let found = mode == GIT_FILEMODE_LINK ? "symbolic link" : (mode == GIT_FILEMODE_TREE ? "directory" : "submodule")
            throw .unexpectedEntry(commit: budget.commit, path: path, found: found, expected: "file")
        }
        let size = try blobSize(git_tree_entry_id(entry), path: path)
        try budget.take(size, path: path)
        var blob: OpaquePointer?
        try LibGit2.check(git_blob_lookup(&blob, pointer, git_tree_entry_id(entry)), "read \(path)")
        defer { git_blob_free(blob) }
        let length = Int(git_blob_rawsize(blob))
        guard length == size, let content = git_blob_rawcontent(blob) else {
            throw .libgit2(operation: "read \(path)", code: -1, message: "blob size changed while reading")
        }
        let bytes = [UInt8](UnsafeRawBufferPointer(start: content, count: length))
        return DesiredFile(path: relativePath, bytes: bytes)
    }

    private func blobSize(_ oid: UnsafePointer<git_oid>, path: String) throws(GitSourceError) -> Int {
        var odb: OpaquePointer?
        try LibGit2.check(git_repository_odb(&odb, pointer), "open object database")
        defer { git_odb_free(odb) }
        var length = 0
        var type = GIT_OBJECT_ANY
        try LibGit2.check(git_odb_read_header(&length, &type, odb, oid), "read header of \(path)")
        return length
    }
}
