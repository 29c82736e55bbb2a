import AsyncHTTPClient
import Foundation

/// POSTs of notifications through AsyncHTTPClient, bounded: 5 s to connect, 15 s in all, no
/// redirects, at most 64 KiB of answer read. Errors never carry the URL (a bot token is part of it).
public final class OutboundHTTP: @unchecked Sendable {
    /// An answer.
    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
    }

    private let client: HTTPClient
    private let lock = NSLock()
    private var isShutDown = false

    /// Creates a client on the shared event loops.
    public init() {
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
        do {
            let response = try await client.execute(request, timeout: .seconds(15))
            let collected = try await response.body.collect(upTo: 64 * 1_024)
            var fields: [String: String] = [:]
            for header in response.headers { fields[header.name.lowercased()] = header.value }
            return Answer(status: Int(response.status.code), headers: fields, body: Array(collected.readableBytesView))
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
