#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One non-blocking TCP connection whose every wait is bounded by a ``Deadline``.
/// Owned by a single ``HTTPGetClient/get(_:)`` call and closed by it.
final class SocketConnection {
    private let descriptor: Int32

    #if os(Linux)
    private static let streamType = Int32(SOCK_STREAM.rawValue)
    private static let sendFlags = Int32(MSG_NOSIGNAL)
    #else
    private static let streamType = SOCK_STREAM
    private static let sendFlags: Int32 = 0
    #endif

    /// Resolves the endpoint and connects to the first address that accepts.
    init(connectingTo endpoint: MetricsEndpoint, deadline: Deadline) throws(ScrapeError.Reason) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Self.streamType
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(endpoint.host, String(endpoint.port), &hints, &list)
        guard status == 0 else { throw .resolve(String(cString: gai_strerror(status))) }
        defer { freeaddrinfo(list) }
        var failure = "no address"
        var next = list
        while let info = next?.pointee {
            next = info.ai_next
            switch Self.connect(info, deadline: deadline) {
            case .success(let descriptor):
                self.descriptor = descriptor
                return
            case .failure(.connect(let why)):
                failure = why
            case .failure(let other):
                throw other
            }
        }
        throw .connect(failure)
    }

    private static func connect(_ info: addrinfo, deadline: Deadline) -> Result<Int32, ScrapeError.Reason> {
        let descriptor = socket(info.ai_family, info.ai_socktype, info.ai_protocol)
        guard descriptor >= 0 else { return .failure(.connect(lastError())) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        if posixConnect(descriptor, info.ai_addr, info.ai_addrlen) != 0, errno != EINPROGRESS {
            let why = lastError()
            _ = posixClose(descriptor)
            return .failure(.connect(why))
        }
        do {
            try wait(descriptor, for: Int16(POLLOUT), deadline: deadline)
        } catch {
            _ = posixClose(descriptor)
            return .failure(error)
        }
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &code, &length)
        guard code == 0 else {
            _ = posixClose(descriptor)
            return .failure(.connect(String(cString: strerror(code))))
        }
        return .success(descriptor)
    }

    /// Sends all of `bytes`.
    func send(_ bytes: [UInt8], deadline: Deadline) throws(ScrapeError.Reason) {
        var offset = 0
        while offset < bytes.count {
            try Self.wait(descriptor, for: Int16(POLLOUT), deadline: deadline)
            let sent = bytes[offset...].withUnsafeBytes { posixSend(descriptor, $0.baseAddress, $0.count, Self.sendFlags) }
            if sent < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                throw .closedEarly
            }
            offset += sent
        }
    }

    /// The next bytes received, or `nil` at the end of the stream.
    func receive(deadline: Deadline) throws(ScrapeError.Reason) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            try Self.wait(descriptor, for: Int16(POLLIN), deadline: deadline)
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 { return Array(buffer[..<count]) }
            if count == 0 { return nil }
            if errno == EAGAIN || errno == EINTR { continue }
            throw .closedEarly
        }
    }

    func close() {
        _ = posixClose(descriptor)
    }

    private static func wait(_ descriptor: Int32, for events: Int16, deadline: Deadline) throws(ScrapeError.Reason) {
        while true {
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = poll(&entry, 1, try deadline.remainingMilliseconds())
            if ready > 0 { return }
            if ready < 0, errno != EINTR { throw .closedEarly }
        }
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}

private func posixConnect(_ descriptor: Int32, _ address: UnsafeMutablePointer<sockaddr>?, _ length: socklen_t) -> Int32 {
    connect(descriptor, address, length)
}

private func posixSend(_ descriptor: Int32, _ pointer: UnsafeRawPointer?, _ count: Int, _ flags: Int32) -> Int {
    send(descriptor, pointer, count, flags)
}

private func posixClose(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}
