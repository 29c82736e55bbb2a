import CGit2
import Foundation

/// A ref the remote advertises.
struct RemoteHead: Hashable {
    let name: String
    let id: CommitID
}

/// Connections to the remote through one anonymous `git_remote` (nothing is stored in the cache's
/// config). Owned by the ``GitSource`` actor and kept for its life: libgit2 1.5 does not give back all
/// the memory of a created and freed remote (about 25 KiB each), which a daemon would lose every tick.
/// Each operation starts with ``begin(_:)``: a fresh callback context and deadline.
final class GitRemoteSession {
    private let remote: OpaquePointer
    private(set) var context: RemoteCallbackContext
    private var deadline: UInt64
    private let timeout: Duration
    /// The longest one connect, read or write may wait for progress.
    private let idleTimeout: Duration

    init(
        repository: GitRepository, context: RemoteCallbackContext, timeout: Duration, idleTimeout: Duration
    ) throws(GitSourceError) {
        var remote: OpaquePointer?
        guard git_remote_create_anonymous(&remote, repository.pointer, context.remote.raw) == 0, let remote else {
            throw .invalidConfiguration(field: "repository URL", value: context.remote.redacted,
                                        reason: LibGit2.lastErrorMessage())
        }
        self.remote = remote
        self.context = context
        self.timeout = timeout
        self.idleTimeout = idleTimeout
        self.deadline = NetworkDeadline.now() + timeout.nanoseconds
    }

    /// Starts an operation: disconnects what the last one left, takes `context` and a new deadline.
    func begin(_ context: RemoteCallbackContext) {
        git_remote_disconnect(remote)
        self.context = context
        deadline = NetworkDeadline.now() + timeout.nanoseconds
    }

    deinit {
        git_remote_disconnect(remote)
        git_remote_free(remote)
    }

    private var payload: UnsafeMutableRawPointer { Unmanaged.passUnretained(context).toOpaque() }

    private func callbacks() -> git_remote_callbacks {
        var callbacks = git_remote_callbacks()
        git_remote_init_callbacks(&callbacks, UInt32(GIT_REMOTE_CALLBACKS_VERSION))
        callbacks.payload = payload
        callbacks.credentials = RemoteCallbacks.credentials
        callbacks.certificate_check = RemoteCallbacks.certificateCheck
        callbacks.transfer_progress = RemoteCallbacks.transferProgress
        callbacks.push_update_reference = RemoteCallbacks.pushUpdateReference
        return callbacks
    }

    /// Runs a network step with this session's deadline applied to the sockets it opens.
    private func network(_ operation: String, _ body: () -> Int32) throws(GitSourceError) {
        let remaining = Duration.nanoseconds(Int64(clamping: deadline &- min(deadline, NetworkDeadline.now())))
        let code = NetworkDeadline.run(timeout: remaining, idle: min(remaining, idleTimeout), body)
        guard code < 0 else { return }
        throw translate(code, operation: operation)
    }

    /// Connects for fetching (or pushing).
    func connect(push: Bool = false) throws(GitSourceError) {
        var callbacks = callbacks()
        try network(push ? "connect for push to" : "connect to") {
            git_remote_connect(remote, push ? GIT_DIRECTION_PUSH : GIT_DIRECTION_FETCH, &callbacks, nil, nil)
        }
    }

    /// The refs the connected remote advertises.
    func heads() throws(GitSourceError) -> [RemoteHead] {
        var list: UnsafeMutablePointer<UnsafePointer<git_remote_head>?>?
        var count = 0
        guard git_remote_ls(&list, &count, remote) == 0, let list else {
            // libgit2's local transport loads no ref list for an empty repository and reports that as an error.
            if git_remote_connected(remote) == 1 { return [] }
            throw translate(-1, operation: "list refs of")
        }
        return (0..<count).compactMap { index in
            guard let head = list[index] else { return nil }
            return RemoteHead(name: String(cString: head.pointee.name), id: CommitID(oid: head.pointee.oid))
        }
    }

    /// Downloads the objects for `refspecs` over the open connection (refs are updated by the caller).
    func download(_ refspecs: [String]) throws(GitSourceError) {
        var options = git_fetch_options()
        git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION))
        options.callbacks = callbacks()
        options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
        options.update_fetchhead = 0
        try withStrArray(refspecs) { array throws(GitSourceError) in
            try network("fetch from") { git_remote_download(remote, array, &options) }
        }
    }

    /// Pushes `refspec`; returns the server's rejection message, or nil when the update was accepted.
    /// A non-fast-forward refused locally or by the server is reported the same way.
    func push(_ refspec: String) throws(GitSourceError) -> String? {
        var options = git_push_options()
        git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION))
        options.callbacks = callbacks()
        context.pushRejections = [:]
        do {
            try withStrArray([refspec]) { array throws(GitSourceError) in
                try network("push to") { git_remote_push(remote, array, &options) }
            }
        } catch let error {
            if case .libgit2(_, let code, let message) = error, code == GIT_ENONFASTFORWARD.rawValue {
                return message
            }
            throw error
        }
        return context.pushRejections.values.first
    }

    private func withStrArray(_ strings: [String], _ body: (UnsafePointer<git_strarray>) throws(GitSourceError) -> Void)
        throws(GitSourceError) {
        var pointers = strings.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        try pointers.withUnsafeMutableBufferPointer { buffer throws(GitSourceError) in
            var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
            try body(&array)
        }
    }

    /// The error to report for a failed libgit2 call: a callback's own finding first, then a timeout,
    /// then libgit2's message (without credentials).
    func translate(_ code: Int32, operation: String) -> GitSourceError {
        if let failure = context.failure { return failure }
        if NetworkDeadline.expired(deadline: deadline) || code == DeadlineSocketStream.timeoutCode {
            return .timedOut(remote: context.remote.redacted, operation: operation, seconds: timeout.seconds)
        }
        if code == GIT_EAUTH.rawValue {
            return .authenticationRejected(remote: context.remote.redacted, attempts: context.credentialAttempts,
                                           credential: context.credentialKind)
        }
        if code == GIT_ENONFASTFORWARD.rawValue {
            return .libgit2(operation: operation, code: code, message: LibGit2.lastErrorMessage())
        }
        let message = LibGit2.lastErrorMessage().replacingOccurrences(of: context.remote.raw, with: context.remote.redacted)
        return .remoteFailed(remote: context.remote.redacted, operation: operation, detail: message)
    }
}
