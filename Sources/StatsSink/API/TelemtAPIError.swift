/// Why a read of telemt's HTTP API (`[server.api]`) produced nothing. Carries the API's base URL
/// (never with credentials) and the operation; never the `Authorization` value nor any part of
/// the answer's strings other than telemt's own error code and message.
public struct TelemtAPIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong (an `Error` itself so that the decoders can throw it before the URL is attached).
    public enum Reason: Error, Sendable, Equatable {
        /// The request did not produce a complete `200` answer (connection, timeout, size, HTTP).
        case transport(ScrapeError.Reason)
        /// The body is not the JSON telemt sends; where and what was expected.
        case json(JSONScanError)
        /// telemt answered `{"ok": false, "error": {"code", "message"}}`.
        case api(code: String, message: String)
        /// telemt refused the client (HTTP 401 or 403); `code` is telemt's error code when it sent one.
        case unauthorized(status: Int, code: String?)
        /// The answer or the client's settings are unusable, for the stated reason.
        case invalid(String)
    }

    /// The API's base URL, `http://host:port`.
    public var url: String
    /// The request, e.g. `GET /v1/users`.
    public var operation: String
    /// What went wrong.
    public var reason: Reason

    /// Creates an error.
    public init(url: String, operation: String, reason: Reason) {
        self.url = url
        self.operation = operation
        self.reason = reason
    }

    /// A one-line message: the request, the cause and what to do.
    public var description: String {
        "\(operation) at \(url) failed: " + problem
    }

    private var problem: String {
        switch reason {
        case .transport(let reason):
            Self.transportProblem(reason)
        case .json(let error):
            "the answer is not telemt's API JSON (\(error)); check that the URL is telemt's [server.api] listen address"
        case .api(let code, let message):
            "telemt answered \(code): \(Self.printable(message))" + Self.hint(forCode: code)
        case .unauthorized(let status, let code):
            "telemt refused the request (HTTP \(status)\(code.map { ", \($0)" } ?? "")); check that the auth header file "
                + "holds exactly [server.api] auth_header and that [server.api] whitelist covers this host"
        case .invalid(let why):
            why
        }
    }

    private static func transportProblem(_ reason: ScrapeError.Reason) -> String {
        switch reason {
        case .invalidURL(let why):
            "\(why); give the API as http://HOST:PORT (telemt's [server.api] listen, plain HTTP)"
        case .resolve(let why):
            "cannot resolve the host (\(why)); check the host name of the API URL"
        case .connect(let why):
            "cannot connect (\(why)); enable [server.api] in telemt's config with enabled = true and read_only = true, "
                + "and check that its listen address matches the URL"
        case .timedOut(let seconds):
            "no complete answer within \(seconds) s; check that telemt is healthy, and raise the timeout for many users"
        case .closedEarly:
            "the connection closed before the answer was complete; retry, and check [server.api] whitelist and gray_action"
        case .tooLarge(let limit):
            "the answer exceeds \(limit) bytes; raise the API body limit (about 900 bytes per user)"
        case .malformedHTTP(let why):
            "the answer is not HTTP (\(why)); check that the URL points at telemt's [server.api] listen address"
        case .httpStatus(let status):
            "HTTP status \(status); check that the URL points at telemt 3.4 or later's [server.api]"
        case .parse, .metrics:
            "the answer could not be read; check that the URL points at telemt's [server.api]"
        }
    }

    private static func hint(forCode code: String) -> String {
        switch code {
        case "api_disabled": "; set enabled = true (and read_only = true) in telemt's [server.api]"
        case "forbidden", "unauthorized": "; check the auth header file and [server.api] whitelist"
        default: "; check telemt's log"
        }
    }

    /// telemt's message cut to 300 characters, control characters replaced.
    static func printable(_ message: String) -> String {
        String(message.prefix(300).map { $0.isASCII && ($0.asciiValue ?? 0) < 0x20 ? " " : $0 })
    }
}
