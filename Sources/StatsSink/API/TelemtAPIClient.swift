/// Reads telemt's HTTP API (`[server.api]`, keep it `read_only = true`): the users' counters and
/// the process's identity. Only GET requests are made.
///
/// Blocking: a call takes at most ``timeout`` seconds plus the parse (about 0.5 s for 100,000
/// users). Run it off the cooperative thread pool (for example in a detached task) when the
/// caller is asynchronous.
///
/// Bounds: an answer's body is read up to ``maxBodyBytes`` (default 64 MiB). telemt spends about
/// 900 bytes per user on `/v1/users` with three links per user (8.6 MiB for 10,000 users), so the
/// default holds roughly 70,000 users; raise it for more. At most ``maxUsers`` users are accepted.
///
/// The `Authorization` value is a secret: it is sent exactly as given and appears in no error,
/// description or mirror of this value.
public struct TelemtAPIClient: Sendable, CustomStringConvertible, CustomReflectable {
    /// The API's address; its path is always `/`.
    public let endpoint: MetricsEndpoint
    /// Seconds for one whole exchange (connect, send, receive).
    public var timeout: Double
    /// The largest answer body read, in bytes.
    public var maxBodyBytes: Int
    /// The most users accepted from `/v1/users`.
    public var maxUsers: Int
    private let authorization: String?

    /// The default body limit: 64 MiB.
    public static let defaultMaxBodyBytes = 64 << 20

    /// Creates a client for `baseURL` (`http://HOST:PORT`, no path, no credentials). `authorization`
    /// is sent as the `Authorization` header and must equal telemt's `[server.api] auth_header`
    /// exactly (strip a trailing newline of the file it comes from before passing it).
    public init(
        baseURL: String, authorization: String? = nil, timeout: Double = 10,
        maxBodyBytes: Int = TelemtAPIClient.defaultMaxBodyBytes, maxUsers: Int = TelemtAPIUsers.defaultMaxUsers
    ) throws(TelemtAPIError) {
        do throws(ScrapeError) {
            endpoint = try MetricsEndpoint(url: baseURL)
        } catch {
            throw TelemtAPIError(url: error.url, operation: "setting up the API client", reason: .transport(error.reason))
        }
        self.timeout = timeout
        self.maxBodyBytes = maxBodyBytes
        self.maxUsers = maxUsers
        self.authorization = authorization
        func invalid(_ why: String) -> TelemtAPIError {
            TelemtAPIError(url: baseURL, operation: "setting up the API client", reason: .invalid(why))
        }
        guard endpoint.path == "/" else { throw invalid("the API URL has a path; give it as http://HOST:PORT") }
        if let authorization {
            guard !authorization.isEmpty, authorization.utf8.allSatisfy({ $0 == 0x09 || (0x20...0x7E).contains($0) }) else {
                throw invalid("the auth header value is empty or has characters other than printable ASCII "
                    + "(a trailing newline?); check the auth header file")
            }
        }
    }

    /// Reads every user's counters (`GET /v1/users`).
    public func users() throws(TelemtAPIError) -> TelemtAPIUsers {
        let maxUsers = maxUsers
        return try request("/v1/users") { (body) throws(TelemtAPIError.Reason) in
            try TelemtAPIUsers(jsonBody: body, maxUsers: maxUsers)
        }
    }

    /// Reads the process's identity and reload state (`GET /v1/system/info`).
    public func systemInfo() throws(TelemtAPIError) -> TelemtSystemInfo {
        try request("/v1/system/info") { (body) throws(TelemtAPIError.Reason) in try TelemtSystemInfo(jsonBody: body) }
    }

    private func request<Value>(
        _ path: String, decode: ([UInt8]) throws(TelemtAPIError.Reason) -> Value
    ) throws(TelemtAPIError) -> Value {
        do throws(TelemtAPIError.Reason) {
            return try decode(try fetch(path))
        } catch {
            throw TelemtAPIError(url: baseURL, operation: "GET \(path)", reason: error)
        }
    }

    /// The body of a `200` answer; other statuses become errors, with telemt's code and message when sent.
    private func fetch(_ path: String) throws(TelemtAPIError.Reason) -> [UInt8] {
        var target = endpoint
        target.path = path
        var client = HTTPGetClient(timeout: timeout, maxBodyBytes: maxBodyBytes, accept: "application/json")
        if let authorization { client.headers = [("Authorization", authorization)] }
        let response: HTTPGetClient.Response
        do throws(ScrapeError.Reason) {
            response = try client.response(target)
        } catch {
            throw .transport(error)
        }
        guard response.status != 200 else { return response.body }
        let failure: TelemtAPIError.Reason
        do throws(TelemtAPIError.Reason) {
            _ = try TelemtAPIEnvelope.read(response.body) { (_) throws(JSONScanError) in }
            failure = .transport(.httpStatus(response.status))
        } catch {
            failure = error
        }
        switch (response.status, failure) {
        case (401, .api(let code, _)), (403, .api(let code, _)): throw .unauthorized(status: response.status, code: code)
        case (401, _), (403, _): throw .unauthorized(status: response.status, code: nil)
        case (_, .api): throw failure
        default: throw .transport(.httpStatus(response.status))
        }
    }

    /// `http://host:port`, as errors show it.
    public var baseURL: String {
        String(endpoint.description.dropLast())
    }

    /// The address and whether an `Authorization` value is set (never the value).
    public var description: String {
        "TelemtAPIClient(\(baseURL), authorization: \(authorization == nil ? "none" : "set"))"
    }

    /// A mirror without the `Authorization` value, so that `dump` and debuggers do not show it.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "endpoint": endpoint, "timeout": timeout, "maxBodyBytes": maxBodyBytes, "maxUsers": maxUsers,
            "authorization": authorization == nil ? "none" : "(set, hidden)",
        ])
    }
}
