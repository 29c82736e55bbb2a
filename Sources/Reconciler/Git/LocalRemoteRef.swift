import CGit2
import Foundation

/// A branch update on a local (`file://` or path) remote made as a compare-and-swap.
///
/// libgit2's local transport overwrites the remote ref after checking fast-forward against what it
/// listed earlier, so two hosts pushing status to the same local remote at once could drop one
/// commit. Over a local remote the objects are therefore pushed under a private ref and the branch
/// is moved here under the ref's lock, only if it still points where the commit's parent says —
/// what `git receive-pack` does for the network transports.
struct LocalRemoteRef {
    /// The remote repository's directory.
    let path: String

    /// Resolves a local remote URL (`file:///srv/repo.git` or a path) to its directory.
    init(url: String) {
        if url.lowercased().hasPrefix("file://"), let parsed = URL(string: url) {
            path = parsed.path
        } else {
            path = url
        }
    }

    /// Moves `ref` to `new` if it still points at `expected` (absent when nil). Returns the reason
    /// when the ref moved meanwhile or another writer holds its lock (the caller fetches and tries
    /// again either way), nil when the update was made.
    func compareAndSwap(_ ref: String, to new: CommitID, expected: CommitID?) throws(GitSourceError) -> String? {
        var repo: OpaquePointer?
        try LibGit2.check(git_repository_open_bare(&repo, path), "open the local remote \(path)")
        defer { git_repository_free(repo) }
        var target = new.oid
        var created: OpaquePointer?
        let code: Int32
        if var current = expected?.oid {
            code = git_reference_create_matching(&created, repo, ref, &target, 1, &current, "telemt-gitops: status")
        } else {
            code = git_reference_create(&created, repo, ref, &target, 0, "telemt-gitops: status")
        }
        git_reference_free(created)
        if code == GIT_EMODIFIED.rawValue || code == GIT_EEXISTS.rawValue {
            return "\(ref) moved on the remote meanwhile"
        }
        if code == GIT_ELOCKED.rawValue {
            return "\(ref) is being updated on the remote by another writer"
        }
        try LibGit2.check(code, "update \(ref) on the local remote \(path)")
        return nil
    }

    /// Removes a private ref from the remote, if present.
    func delete(_ ref: String) {
        var repo: OpaquePointer?
        guard git_repository_open_bare(&repo, path) == 0 else { return }
        defer { git_repository_free(repo) }
        var handle: OpaquePointer?
        guard git_reference_lookup(&handle, repo, ref) == 0 else { return }
        _ = git_reference_delete(handle)
        git_reference_free(handle)
    }
}
