public import Spec

/// The links a client opens to add the proxy: `tg://proxy?…` and `https://t.me/proxy?…`.
public struct ProxyLink: Sendable, Equatable {
    /// The proxy's host.
    public var host: String
    /// The proxy's port.
    public var port: Int
    /// The secret as clients need it: `ee` + secret + hex(tls_domain) for FakeTLS,
    /// or `dd` + secret (padded mode) when the spec has no `tls_domain`.
    public var clientSecret: String

    /// The link of `secret` (32 hex digits) on the proxy `endpoint`.
    public init(endpoint: ProxyEndpoint, secret: String) {
        host = endpoint.host
        port = endpoint.port
        if let domain = endpoint.tlsDomain {
            clientSecret = "ee" + secret.lowercased() + Hex.encode(Array(domain.utf8))
        } else {
            clientSecret = "dd" + secret.lowercased()
        }
    }

    /// The query both link forms share: `server=…&port=…&secret=…`.
    public var query: String {
        "server=\(Self.percentEncoded(host))&port=\(port)&secret=\(clientSecret)"
    }

    /// `tg://proxy?server=…&port=…&secret=…`, which Telegram apps open directly.
    public var telegramURL: String { "tg://proxy?" + query }

    /// `https://t.me/proxy?…`, which works from a browser too.
    public var webURL: String { "https://t.me/proxy?" + query }

    /// Percent-encodes everything but RFC 3986 unreserved characters (host names and IPv4 stay as they are).
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + Hex.encode([byte]).uppercased()
            }
        }
        return out
    }
}
