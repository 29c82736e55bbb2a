import CGit2
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The TCP stream libgit2 uses for git://, http(s):// (under its TLS layer) and ssh:// (under libssh2),
/// registered in place of libgit2's own: every connect, read and write waits at most the idle limit and
/// never past the operation's deadline (see ``NetworkDeadline``).
enum DeadlineSocketStream {
    static func register() {
        var registration = git_stream_registration()
        registration.version = 1
        registration.`init` = { out, host, port in DeadlineSocketStream.create(out, host, port) }
        registration.wrap = nil
        _ = git_stream_register(GIT_STREAM_STANDARD, &registration)
    }

    typealias Stream = UnsafeMutablePointer<tg_socket_stream>

    /// Returned for a timed-out connect, read or write (libgit2 1.5 has no GIT_TIMEOUT code).
    static let timeoutCode: Int32 = -1000

    private static func create(
        _ out: UnsafeMutablePointer<UnsafeMutablePointer<git_stream>?>?,
        _ host: UnsafePointer<CChar>?, _ port: UnsafePointer<CChar>?
    ) -> Int32 {
        guard let out, let host, let port,
              let raw = calloc(1, MemoryLayout<tg_socket_stream>.size) else { return -1 }
        let stream = raw.bindMemory(to: tg_socket_stream.self, capacity: 1)
        stream.pointee.parent.version = 1
        stream.pointee.parent.connect = { DeadlineSocketStream.streamConnect($0) }
        stream.pointee.parent.read = { DeadlineSocketStream.streamRead($0, $1, $2) }
        stream.pointee.parent.write = { DeadlineSocketStream.streamWrite($0, $1, $2, $3) }
        stream.pointee.parent.close = { DeadlineSocketStream.streamClose($0) }
        stream.pointee.parent.free = { DeadlineSocketStream.streamFree($0) }
        stream.pointee.host = strdup(host)
        stream.pointee.port = strdup(port)
        stream.pointee.s = -1
        let limits = NetworkDeadline.current
        stream.pointee.deadline_ns = limits?.deadline ?? 0
        stream.pointee.idle_ms = limits?.idleMilliseconds ?? 30_000
        out.pointee = raw.assumingMemoryBound(to: git_stream.self)
        return 0
    }

    private static func cast(_ stream: UnsafeMutablePointer<git_stream>?) -> Stream? {
        stream.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: tg_socket_stream.self) }
    }

    /// Milliseconds to wait now: the idle limit, cut to what is left before the deadline.
    private static func waitBudget(_ stream: Stream) -> Int32 {
        let idle = max(stream.pointee.idle_ms, 1)
        let deadline = stream.pointee.deadline_ns
        guard deadline > 0 else { return idle }
        let now = NetworkDeadline.now()
        guard deadline > now else { return 0 }
        return min(idle, Int32(clamping: (deadline - now) / 1_000_000 + 1))
    }

    private static func fail(_ message: String, timedOut: Bool = false) -> Int32 {
        if timedOut { NetworkDeadline.markIdleTimeout() }
        git_error_set_str(Int32(GIT_ERROR_NET.rawValue), message)
        return timedOut ? timeoutCode : -1
    }

    private static func streamConnect(_ raw: UnsafeMutablePointer<git_stream>?) -> Int32 {
        guard let stream = cast(raw) else { return -1 }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var info: UnsafeMutablePointer<addrinfo>?
        let host = String(cString: stream.pointee.host)
        guard getaddrinfo(stream.pointee.host, stream.pointee.port, &hints, &info) == 0, let first = info else {
            return fail("failed to resolve address for \(host)")
        }
        defer { freeaddrinfo(info) }
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        var result: Int32 = -1
        while let address = candidate {
            result = open(stream, address: address.pointee)
            if result == 0 || result == timeoutCode { break }
            candidate = address.pointee.ai_next
        }
        if result == 0, stream.pointee.deadline_ns > 0 {
            stream.pointee.token = SocketWatchdog.shared.arm(fd: stream.pointee.s, deadline: stream.pointee.deadline_ns)
        }
        return result == 0 ? 0 : (result == timeoutCode ? result : fail("failed to connect to \(host)"))
    }

    private static func open(_ stream: Stream, address: addrinfo) -> Int32 {
        let fd = socket(address.ai_family, address.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), address.ai_protocol)
        guard fd >= 0 else { return -1 }
        guard tg_fcntl_set_nonblocking(fd) == 0 else { Glibc.close(fd); return -1 }
        if Glibc.connect(fd, address.ai_addr, address.ai_addrlen) != 0 && errno != EINPROGRESS {
            Glibc.close(fd)
            return -1
        }
        var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        let ready = poll(&poller, 1, waitBudget(stream))
        var socketError: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &socketError, &length)
        guard ready == 1, socketError == 0 else {
            Glibc.close(fd)
            return ready == 0 ? fail("connection timed out", timedOut: true) : -1
        }
        stream.pointee.s = fd
        return 0
    }

    private static func streamRead(_ raw: UnsafeMutablePointer<git_stream>?, _ buffer: UnsafeMutableRawPointer?,
                                   _ length: Int) -> Int {
        guard let stream = cast(raw), let buffer else { return -1 }
        return waitThen(stream, events: POLLIN, what: "read") {
            recv(stream.pointee.s, buffer, length, 0)
        }
    }

    private static func streamWrite(_ raw: UnsafeMutablePointer<git_stream>?, _ data: UnsafePointer<CChar>?,
                                    _ length: Int, _ flags: Int32) -> Int {
        guard let stream = cast(raw), let data else { return -1 }
        return waitThen(stream, events: POLLOUT, what: "write") {
            send(stream.pointee.s, data, length, Int32(MSG_NOSIGNAL))
        }
    }

    /// Polls until the socket is ready (bounded by the idle limit and deadline), then performs `io`.
    private static func waitThen(_ stream: Stream, events: Int32, what: String, _ io: () -> Int) -> Int {
        while true {
            var poller = pollfd(fd: stream.pointee.s, events: Int16(events), revents: 0)
            let ready = poll(&poller, 1, waitBudget(stream))
            if ready == 0 { return Int(fail("could not \(what): timed out", timedOut: true)) }
            if ready < 0 && errno == EINTR { continue }
            let count = io()
            if count >= 0 { return count }
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { continue }
            return Int(fail("could not \(what) socket: \(String(cString: strerror(errno)))"))
        }
    }

    private static func streamClose(_ raw: UnsafeMutablePointer<git_stream>?) -> Int32 {
        guard let stream = cast(raw) else { return -1 }
        if stream.pointee.token != 0 {
            SocketWatchdog.shared.disarm(stream.pointee.token)
            stream.pointee.token = 0
        }
        if stream.pointee.s >= 0 {
            Glibc.close(stream.pointee.s)
            stream.pointee.s = -1
        }
        return 0
    }

    private static func streamFree(_ raw: UnsafeMutablePointer<git_stream>?) {
        guard let stream = cast(raw) else { return }
        _ = streamClose(raw)
        Glibc.free(stream.pointee.host)
        Glibc.free(stream.pointee.port)
        Glibc.free(stream)
    }
}
