#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small, blocking HTTP/1.1 GET client on POSIX sockets, bounded in time (one deadline for
/// connect, send and receive) and in size. Plain HTTP only, which is all telemt serves.
struct HTTPGetClient {
    /// A complete answer: its status and body.
    struct Response {
        var status: Int
        var body: [UInt8]
    }

    /// The largest body read from an answer other than `200` (telemt's JSON errors are small).
    static let maxErrorBodyBytes = 64 << 10

    /// Seconds for the whole exchange.
    var timeout: Double
    /// The largest accepted body, in bytes.
    var maxBodyBytes: Int
    /// The `Accept` header's value.
    var accept = "text/plain"
    /// Further request headers, sent as given. Values may be secrets (`Authorization`): they are
    /// never part of an error. Callers make sure names and values have no CR or LF.
    var headers: [(name: String, value: String)] = []

    /// Fetches the body of a `200 OK` answer to `GET endpoint.path`.
    func get(_ endpoint: MetricsEndpoint) throws(ScrapeError.Reason) -> [UInt8] {
        try exchange(endpoint, keepingErrorBodies: false).body
    }

    /// Fetches the answer to `GET endpoint.path` whatever its status; the body of an answer
    /// other than `200` is read up to ``maxErrorBodyBytes`` (beyond that: `httpStatus`).
    func response(_ endpoint: MetricsEndpoint) throws(ScrapeError.Reason) -> Response {
        try exchange(endpoint, keepingErrorBodies: true)
    }

    private func exchange(_ endpoint: MetricsEndpoint, keepingErrorBodies: Bool) throws(ScrapeError.Reason) -> Response {
        let deadline = Deadline(seconds: timeout)
        let socket = try SocketConnection(connectingTo: endpoint, deadline: deadline)
        defer { socket.close() }
        let hostHeader = endpoint.host.contains(":") ? "[\(endpoint.host)]:\(endpoint.port)" : "\(endpoint.host):\(endpoint.port)"
        var request = "GET \(endpoint.path) HTTP/1.1\r\nHost: \(hostHeader)\r\nUser-Agent: telemt-gitops\r\nAccept: \(accept)\r\n"
        for header in headers {
            assert(!(header.name + header.value).contains(where: { $0 == "\r" || $0 == "\n" }), "header with CR or LF")
            request += "\(header.name): \(header.value)\r\n"
        }
        request += "Accept-Encoding: identity\r\nConnection: close\r\n\r\n"
        try socket.send(Array(request.utf8), deadline: deadline)
        return try receive(socket, deadline: deadline, keepingErrorBodies: keepingErrorBodies)
    }

    private func receive(
        _ socket: SocketConnection, deadline: Deadline, keepingErrorBodies: Bool
    ) throws(ScrapeError.Reason) -> Response {
        var parser = HTTPResponseParser(maxBodyBytes: maxBodyBytes)
        var status = 200
        let rawLimit = 2 * maxBodyBytes + HTTPResponseParser.maxHeaderBytes
        var data: [UInt8] = []
        while true {
            let chunk = try socket.receive(deadline: deadline)
            if let chunk {
                data.append(contentsOf: chunk)
                guard data.count <= rawLimit else { throw .tooLarge(limit: maxBodyBytes) }
            }
            do throws(ScrapeError.Reason) {
                if let body = try parser.body(of: data, atEOF: chunk == nil) { return Response(status: status, body: body) }
            } catch .httpStatus(let code) where keepingErrorBodies && status == 200 {
                // Read the error's body with the same framing rules, as if it were a 200 answer.
                status = code
                Self.markStatusOK(&data)
                parser = HTTPResponseParser(maxBodyBytes: min(maxBodyBytes, Self.maxErrorBodyBytes))
                do throws(ScrapeError.Reason) {
                    if let body = try parser.body(of: data, atEOF: chunk == nil) { return Response(status: status, body: body) }
                } catch .tooLarge {
                    throw .httpStatus(code)
                }
            } catch .tooLarge where status != 200 {
                throw .httpStatus(status)
            }
            if chunk == nil { throw .closedEarly }
        }
    }

    /// Rewrites the status code of the status line in `data` (already checked) to `200`.
    private static func markStatusOK(_ data: inout [UInt8]) {
        guard let space = data.prefix(16).firstIndex(of: 0x20), space + 3 < data.count else { return }
        data.replaceSubrange(space + 1...space + 3, with: Array("200".utf8))
    }
}
