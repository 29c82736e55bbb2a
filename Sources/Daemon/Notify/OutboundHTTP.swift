import AsyncHTTPClient
import Foundation

/// POSTs of notifications through AsyncHTTPClient, bounded: 5 s to connect, 15 s in all, no
/// redirects, at most 64 KiB of answer read. Errors never carry the URL (a bot token is part of it).
public final class OutboundHTTP: @unchecked Sendable {
    /// An answer.
    struct Answer: Sendable {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
    }

    private let client: HTTPClient
    private let total: Duration
    private let lock = NSLock()
    private var isShutDown = false

    /// Creates a client on the shared event loops; `total` bounds one request, its answer included.
    public init(total: Duration = .seconds(15)) {
        self.total = total
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(15)))
        configuration.decompression = .disabled
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// POSTs `body` as JSON with `headers`; throws a message free of the URL.
    func post(_ url: String, headers: [(String, String)], body: [UInt8]) async throws(OutboundFailure) -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "telemt-gitops")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(body)
        let (client, total, prepared) = (client, total, request)
        do {
            // The client's deadline ends with the answer's head; a body that trickles in would hold the
            // sink for as long as it likes. The whole exchange is raced against `total` instead.
            return try await withThrowingTaskGroup(of: Answer?.self) { group in
                group.addTask {
                    let response = try await client.execute(prepared, timeout: .init(total))
                    let collected = try await response.body.collect(upTo: 64 * 1_024)
                    var fields: [String: String] = [:]
                    for header in response.headers { fields[header.name.lowercased()] = header.value }
                    return Answer(status: Int(response.status.code), headers: fields, body: Array(collected.readableBytesView))
                }
                group.addTask {
                    try await Task.sleep(for: total)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let answer = first else { throw HTTPClientError.deadlineExceeded }
                return answer
            }
        } catch {
            throw OutboundFailure(reason: Self.describe(error))
        }
    }

    /// Stops the client (the daemon's end).
    public func shutdown() async {
        guard lock.withLock({ () -> Bool in defer { isShutDown = true }; return !isShutDown }) else { return }
        try? await client.shutdown()
    }

    /// A client dropped without ``shutdown()`` (a daemon that failed to start) is stopped here.
    deinit {
        if !isShutDown { try? client.syncShutdown() }
    }

    /// The error's kind, never its URL.
    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout: return "timed out"
            case .remoteConnectionClosed: return "the connection was closed"
            default: return "HTTP client error"
            }
        }
        let text = String(describing: error)
        return text.contains("://") ? "connection failed" : "connection failed (\(text.prefix(120)))"
    }
}

/// An outbound request that got no answer, in words without the URL.
struct OutboundFailure: Error {
    var reason: String
}
