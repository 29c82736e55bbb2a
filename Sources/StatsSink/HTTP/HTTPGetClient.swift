#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small, blocking HTTP/1.1 GET client on POSIX sockets, bounded in time (one deadline for
/// connect, send and receive) and in size. Plain HTTP only, which is all telemt serves.
struct HTTPGetClient {
    /// Seconds for the whole exchange.
    var timeout: Double
    /// The largest accepted body, in bytes.
    var maxBodyBytes: Int

    /// Fetches the body of a `200 OK` answer to `GET endpoint.path`.
    func get(_ endpoint: MetricsEndpoint) throws(ScrapeError.Reason) -> [UInt8] {
        let deadline = Deadline(seconds: timeout)
        let socket = try SocketConnection(connectingTo: endpoint, deadline: deadline)
        defer { socket.close() }
        let hostHeader = endpoint.host.contains(":") ? "[\(endpoint.host)]:\(endpoint.port)" : "\(endpoint.host):\(endpoint.port)"
        let request = "GET \(endpoint.path) HTTP/1.1\r\nHost: \(hostHeader)\r\nUser-Agent: telemt-gitops\r\n"
            + "Accept: text/plain\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n"
        try socket.send(Array(request.utf8), deadline: deadline)
        return try receive(socket, deadline: deadline)
    }

    private func receive(_ socket: SocketConnection, deadline: Deadline) throws(ScrapeError.Reason) -> [UInt8] {
        let parser = HTTPResponseParser(maxBodyBytes: maxBodyBytes)
        let rawLimit = 2 * maxBodyBytes + HTTPResponseParser.maxHeaderBytes
        var data: [UInt8] = []
        while true {
            guard let chunk = try socket.receive(deadline: deadline) else {
                guard let body = try parser.body(of: data, atEOF: true) else { throw .closedEarly }
                return body
            }
            data.append(contentsOf: chunk)
            guard data.count <= rawLimit else { throw .tooLarge(limit: maxBodyBytes) }
            if let body = try parser.body(of: data, atEOF: false) { return body }
        }
    }
}
