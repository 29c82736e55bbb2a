import Foundation

/// The exclusive lock of a state directory (`flock` on `<dir>/lock`): one reconciling process per
/// directory. Released when this object goes away or the process dies (the kernel drops it).
///
/// Owned by the one task that runs a tick; not shared.
final class StateDirectoryLock: @unchecked Sendable {
    private let descriptor: Int32

    /// Takes the lock, waiting up to `wait` seconds for another holder to finish.
    init(directory: String, wait: Double, name: String = "lock", activity: String = "is reconciling") throws(EngineError) {
        let path = (directory as NSString).appendingPathComponent(name)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw EngineError(.stateDirectory, path: path, "cannot open the lock file (\(String(cString: strerror(errno))))",
                              hint: "check that the state directory is writable by this user")
        }
        let deadline = Date().addingTimeInterval(max(0, wait))
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                close(fd)
                throw EngineError(.locked, path: path, "another telemt-gitops process (\(holder.isEmpty ? "unknown pid" : "pid \(holder)")) \(activity) this state directory",
                                  hint: "wait for it to finish, pass --lock-wait SECONDS, or use another --state-dir")
            }
            usleep(50_000)
        }
        descriptor = fd
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

extension StateDirectoryLock {
    /// Takes the lock on a thread of its own: waiting for another process may take `wait` seconds.
    static func acquire(directory: String, wait: Double) async throws(EngineError) -> StateDirectoryLock {
        let result = await BlockingWork.run { () -> Result<StateDirectoryLock, EngineError> in
            Result { () throws(EngineError) in try StateDirectoryLock(directory: directory, wait: wait) }
        }
        return try result.get()
    }
}
