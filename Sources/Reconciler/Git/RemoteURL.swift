import Foundation

/// A remote URL split into the parts the git source needs: transport, host, port; and a redacted form
/// for messages (user info dropped, so a token embedded in the URL never reaches a log or error).
struct RemoteURL: Sendable, Hashable {
    enum Transport: String, Sendable {
        case local, git, ssh, http, https
    }

    let raw: String
    let transport: Transport
    let host: String?
    let port: Int?

    init(_ raw: String) throws(GitSourceError) {
        self.raw = raw
        guard !raw.isEmpty, !raw.contains("\n"), !raw.contains("\0") else {
            throw .invalidConfiguration(field: "repository URL", value: "<empty or control characters>",
                                        reason: "give a file://, git://, ssh://, http(s):// URL or a path")
        }
        if let components = URLComponents(string: raw), let scheme = components.scheme?.lowercased(),
           raw.contains("://") {
            guard let transport = Self.transport(scheme) else {
                throw .invalidConfiguration(field: "repository URL", value: Self.redact(raw),
                                            reason: "unsupported scheme '\(scheme)'")
            }
            self.transport = transport
            self.host = transport == .local ? nil : components.host
            self.port = components.port
        } else if let (host, _) = Self.scpStyle(raw) {
            transport = .ssh
            self.host = host
            port = nil
        } else {
            transport = .local
            host = nil
            port = nil
        }
    }

    private static func transport(_ scheme: String) -> Transport? {
        switch scheme {
        case "file": .local
        case "git": .git
        case "ssh", "git+ssh", "ssh+git": .ssh
        case "http": .http
        case "https": .https
        default: nil
        }
    }

    /// `user@host:path` (no scheme, a colon before any slash).
    private static func scpStyle(_ raw: String) -> (host: String, path: String)? {
        guard let colon = raw.firstIndex(of: ":") else { return nil }
        let before = raw[..<colon]
        if before.contains("/") || before.isEmpty { return nil }
        let host = before.split(separator: "@").last.map(String.init) ?? String(before)
        return (host, String(raw[raw.index(after: colon)...]))
    }

    /// True when the URL carries a password (`scheme://user:password@host/…`).
    var hasPassword: Bool {
        raw.contains("://") && URLComponents(string: raw)?.password.map { !$0.isEmpty } == true
    }

    /// The port the URL connects to: the given one, else the transport's default.
    var effectivePort: Int? {
        port ?? [.http: 80, .https: 443, .git: 9418, .ssh: 22][transport]
    }

    /// True when `requested` (a URL libgit2 asks credentials for, perhaps after a redirect) has this
    /// URL's scheme, host and port.
    func isSameOrigin(as requested: String) -> Bool {
        guard transport == .http || transport == .https else { return true }
        guard let other = try? RemoteURL(requested) else { return false }
        return other.transport == transport && other.host?.lowercased() == host?.lowercased()
            && other.effectivePort == effectivePort
    }

    /// The URL for messages: user info removed.
    var redacted: String { Self.redact(raw) }

    /// `scheme://host:port` of a URL, for messages (no user info, path or query).
    static func origin(of raw: String) -> String {
        guard let components = URLComponents(string: raw), let scheme = components.scheme, let host = components.host
        else { return "<another URL>" }
        return "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
    }

    static func redact(_ raw: String) -> String {
        guard raw.contains("://"), var components = URLComponents(string: raw) else { return raw }
        if components.password != nil || components.user != nil {
            components.password = nil
            components.user = components.user.map { _ in "***" }
        }
        return components.string ?? "<remote>"
    }

    /// The name known_hosts uses: `host` on port 22, `[host]:port` otherwise.
    var knownHostsName: String {
        let host = host ?? ""
        guard let port, port != 22 else { return host }
        return "[\(host)]:\(port)"
    }
}
