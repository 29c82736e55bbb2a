import Foundation
import CGit2

/// Process-wide libgit2 setup and error translation.
enum LibGit2 {
    /// Initialises libgit2 once per process and registers the deadline-aware socket stream.
    static func ensureInitialized() {
        _ = initialized
    }

    private static let initialized: Bool = {
        git_libgit2_init()
        // The daemon reads only what it is given: no user or system gitconfig changes behaviour.
        for level in [GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_GLOBAL] {
            _ = tg_set_search_path_empty(level.rawValue)
        }
        _ = tg_set_user_agent("telemt-gitops")
        // Repositories live as long as the daemon: keep libgit2's object cache small (256 MiB by default).
        _ = tg_set_cache_max_size(32 << 20)
        DeadlineSocketStream.register()
        return true
    }()

    /// The message of libgit2's last error on this thread, or a generic one.
    static func lastErrorMessage() -> String {
        guard let error = git_error_last(), let message = error.pointee.message else {
            return "unknown error"
        }
        return String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Throws ``GitSourceError/libgit2(operation:code:message:)`` when `code` is negative.
    static func check(_ code: Int32, _ operation: @autoclosure () -> String) throws(GitSourceError) {
        if code < 0 {
            throw .libgit2(operation: operation(), code: code, message: lastErrorMessage())
        }
    }
}

extension CommitID {
    init(oid: git_oid) {
        var oid = oid
        self = withUnsafeBytes(of: &oid.id) { CommitID(bytes: Array($0)) }
    }

    var oid: git_oid {
        var oid = git_oid()
        _ = git_oid_fromstr(&oid, hex)
        return oid
    }
}
