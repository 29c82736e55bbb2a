/// A parsed `http://host[:port][/path]` URL of a metrics endpoint.
///
/// Only plain HTTP is supported: telemt's metrics listener speaks nothing else, and it binds to
/// loopback unless `metrics_listen` is set. URLs with credentials are refused so that none can
/// end up in logs or errors.
public struct MetricsEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// The host name or address (IPv6 without brackets).
    public var host: String
    /// The TCP port (default 80).
    public var port: Int
    /// The request target, starting with `/`.
    public var path: String

    /// Parses a URL.
    public init(url: String) throws(ScrapeError) {
        func invalid(_ why: String) -> ScrapeError { ScrapeError(url: Self.redacted(url), reason: .invalidURL(why)) }
        guard url.utf8.count <= 2_048 else { throw invalid("the URL is longer than 2048 bytes") }
        guard url.lowercased().hasPrefix("http://") else {
            throw invalid(url.contains("://") ? "only http:// is supported" : "the URL has no http:// scheme")
        }
        let rest = url.dropFirst("http://".count)
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        var target = String(rest.dropFirst(authority.count).prefix { $0 != "#" })
        if target.isEmpty { target = "/" } else if target.hasPrefix("?") { target = "/" + target }
        guard !authority.contains("@") else { throw invalid("credentials in the URL are not supported") }
        guard target.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else { throw invalid("the path has spaces or non-ASCII characters") }
        let (host, port) = try Self.split(authority, invalid)
        self.host = host
        self.port = port
        self.path = target
    }

    private static func split(
        _ authority: Substring, _ invalid: (String) -> ScrapeError
    ) throws(ScrapeError) -> (String, Int) {
        var host = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw invalid("unclosed [ in the host") }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw invalid("unexpected text after ]") }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !host.isEmpty, host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._:".contains($0)) }) else {
            throw invalid("the host is empty or has invalid characters")
        }
        guard let portText else { return (String(host), 80) }
        guard let port = Int(portText), (1...65_535).contains(port) else { throw invalid("the port is not a number from 1 to 65535") }
        return (String(host), port)
    }

    /// The URL cut to 200 characters with any `user:password@` replaced, safe for messages.
    static func redacted(_ url: String) -> String {
        let clipped = String(url.prefix(200))
        guard let scheme = clipped.range(of: "://") else { return clipped }
        let rest = clipped[scheme.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard let at = authority.lastIndex(of: "@") else { return clipped }
        return clipped[..<scheme.upperBound] + "(credentials removed)" + clipped[at...]
    }

    /// The URL, rebuilt.
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "http://\(shownHost):\(port)\(path)"
    }
}
