public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A blocking HTTP/1.1 client for 127.0.0.1 only: one request per connection (`Connection: close`),
/// the answer read to the end. Enough to drive loopback test servers without URLSession.
public enum LoopbackHTTP {
    /// One answer: status, headers (names lowercased) and the raw body.
    public struct Response: Sendable {
        public let status: Int
        public let headers: [String: String]
        public let body: Data

        public var text: String { String(decoding: body, as: UTF8.self) }

        /// The body as a JSON object, `[:]` when it is not one.
        public var object: [String: Any] {
            ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:]
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static func request(
        port: Int, method: String = "GET", path: String, body: Data? = nil, headers: [String: String] = [:], timeout: Double = 10
    ) throws -> Response {
        let fd = try connect(port: port, timeout: timeout)
        defer { close(fd) }

        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let payload = body ?? Data()
        if body != nil || method != "GET" { head += "Content-Length: \(payload.count)\r\n" }
        var request = Data((head + "\r\n").utf8)
        request.append(payload)
        try request.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let n = send(fd, raw.baseAddress!.advanced(by: sent), raw.count - sent, Int32(MSG_NOSIGNAL))
                guard n > 0 else { throw Failure(description: "send: errno \(errno)") }
                sent += n
            }
        }

        var answer = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n == 0 { break }
            guard n > 0 else { throw Failure(description: "recv: errno \(errno)") }
            answer.append(contentsOf: buffer[0..<n])
        }
        return try parse(answer)
    }

    /// A TCP connection to 127.0.0.1:`port` whose reads and writes wait at most `timeout` seconds;
    /// the caller closes it.
    public static func connect(port: Int, timeout: Double = 10) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(errno)") }
        var limit = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw Failure(description: "connect to 127.0.0.1:\(port): errno \(errno)")
        }
        return fd
    }

    /// A JSON body (an object or an array) sent with `method`.
    public static func json(port: Int, method: String = "POST", path: String, _ value: Any = [String: Any]()) throws -> Response {
        let body = try JSONSerialization.data(withJSONObject: value)
        return try request(port: port, method: method, path: path, body: body, headers: ["Content-Type": "application/json"])
    }

    private static func parse(_ answer: Data) throws -> Response {
        guard let split = answer.range(of: Data("\r\n\r\n".utf8)) else { throw Failure(description: "no end of headers") }
        let lines = String(decoding: answer[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure(description: "bad status line \(lines[0])") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(answer[split.upperBound...])
        if let length = headers["content-length"].flatMap(Int.init), body.count > length { body = body.prefix(length) }
        return Response(status: status, headers: headers, body: body)
    }
}
