import CGit2
import Foundation

/// The bare cache repository. Owns its `git_repository*`; used by one ``GitSource`` actor only.
final class GitRepository {
    let pointer: OpaquePointer
    let path: String

    /// Refs the git source keeps in the cache.
    enum Ref {
        static let tracking = "refs/telemt-gitops/tracking"
        static let seen = "refs/telemt-gitops/seen"
        static let desired = "refs/telemt-gitops/desired"
        static let verified = "refs/telemt-gitops/verified"
        static let statusRemote = "refs/telemt-gitops/status-remote"
        static let statusOut = "refs/telemt-gitops/status-out"
        static let pinnedPrefix = "refs/telemt-gitops/pinned/"
    }

    /// Opens the bare cache at `directory`, creating it when absent; a cache that cannot be opened
    /// (interrupted creation, corruption) is moved aside and created afresh.
    init(cacheDirectory directory: URL) throws(GitSourceError) {
        LibGit2.ensureInitialized()
        path = directory.path
        do {
            try FileManager.default.createDirectory(at: directory.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
        } catch {
            throw .cacheUnusable(path: path, operation: "create parent directory", detail: "\(error)")
        }
        var repo: OpaquePointer?
        if git_repository_open_bare(&repo, path) == 0, let repo {
            pointer = repo
            return
        }
        if FileManager.default.fileExists(atPath: path) {
            let aside = path + ".broken-\(Int(Date().timeIntervalSince1970))"
            try? FileManager.default.moveItem(atPath: path, toPath: aside)
        }
        guard git_repository_init(&repo, path, 1) == 0, let repo else {
            throw .cacheUnusable(path: path, operation: "init", detail: LibGit2.lastErrorMessage())
        }
        pointer = repo
    }

    deinit {
        git_repository_free(pointer)
    }

    /// Whether the object database holds `id`.
    func contains(_ id: CommitID) -> Bool {
        var odb: OpaquePointer?
        guard git_repository_odb(&odb, pointer) == 0, let odb else { return false }
        defer { git_odb_free(odb) }
        var oid = id.oid
        return git_odb_exists(odb, &oid) == 1
    }

    /// The commit a ref points to, or nil when the ref is absent.
    func reference(_ name: String) -> CommitID? {
        var oid = git_oid()
        guard git_reference_name_to_id(&oid, pointer, name) == 0 else { return nil }
        return CommitID(oid: oid)
    }

    /// Points `name` at `id`, creating or overwriting it.
    func setReference(_ name: String, to id: CommitID) throws(GitSourceError) {
        var oid = id.oid
        var ref: OpaquePointer?
        try LibGit2.check(git_reference_create(&ref, pointer, name, &oid, 1, nil), "update \(name)")
        git_reference_free(ref)
    }

    /// Removes a ref if present.
    func deleteReference(_ name: String) {
        var ref: OpaquePointer?
        guard git_reference_lookup(&ref, pointer, name) == 0 else { return }
        _ = git_reference_delete(ref)
        git_reference_free(ref)
    }

    /// Whether `descendant` has `ancestor` in its history.
    func isDescendant(_ descendant: CommitID, of ancestor: CommitID) -> Bool {
        var commit = descendant.oid
        var base = ancestor.oid
        return git_graph_descendant_of(pointer, &commit, &base) == 1
    }

    /// Peels a tag (or commit) object id to the commit it names.
    func peelToCommit(_ id: CommitID) throws(GitSourceError) -> CommitID {
        var oid = id.oid
        var object: OpaquePointer?
        try LibGit2.check(git_object_lookup(&object, pointer, &oid, GIT_OBJECT_ANY), "look up \(id.short)")
        defer { git_object_free(object) }
        var peeled: OpaquePointer?
        guard git_object_peel(&peeled, object, GIT_OBJECT_COMMIT) == 0 else {
            throw .commitNotFound(commit: id.hex, detail: "the object is not a commit or tag of a commit")
        }
        defer { git_object_free(peeled) }
        return CommitID(oid: git_object_id(peeled).pointee)
    }

    /// Looks a commit up; the caller frees it with `git_commit_free`.
    func lookupCommit(_ id: CommitID) throws(GitSourceError) -> OpaquePointer {
        var oid = id.oid
        var commit: OpaquePointer?
        guard git_commit_lookup(&commit, pointer, &oid) == 0, let commit else {
            throw .commitNotFound(commit: id.hex, detail: "not in the cache")
        }
        return commit
    }
}
