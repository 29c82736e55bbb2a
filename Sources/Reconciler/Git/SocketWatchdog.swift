import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Shuts a socket down when its operation's deadline passes. libssh2 reads the socket itself, past our
/// stream's own timed reads, so an SSH server that accepts and then hangs is cut off by this watchdog.
final class SocketWatchdog: @unchecked Sendable {
    static let shared = SocketWatchdog()

    private let lock = NSLock()
    /// A serial queue of its own: timers on Dispatch's global queues wait while their few threads block.
    private let queue = DispatchQueue(label: "telemt-gitops.socket-watchdog")
    private var sockets: [UInt64: Int32] = [:]
    private var nextToken: UInt64 = 1

    /// Watches `fd` until ``disarm(_:)``; at `deadline` (monotonic ns) the socket is shut down.
    func arm(fd: Int32, deadline: UInt64) -> UInt64 {
        let token = lock.withLock {
            let token = nextToken
            nextToken += 1
            sockets[token] = fd
            return token
        }
        let now = NetworkDeadline.now()
        let delay = deadline > now ? deadline - now : 0
        queue.asyncAfter(deadline: .now() + .nanoseconds(Int(clamping: delay))) {
            self.fire(token)
        }
        return token
    }

    /// Stops watching; call before closing the descriptor so a reused number is never shut down.
    func disarm(_ token: UInt64) {
        lock.withLock { _ = sockets.removeValue(forKey: token) }
    }

    private func fire(_ token: UInt64) {
        lock.withLock {
            if let fd = sockets.removeValue(forKey: token) {
                _ = shutdown(fd, Int32(SHUT_RDWR))
            }
        }
    }
}
