import Foundation

/// Where notifications may go: https anywhere, plain http only to this host.
enum OutboundURL {
    static func check(_ text: String, setting: String) throws(DaemonError) {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw DaemonError(.settings, "`\(setting)` is not a URL", hint: "write it like https://host/path")
        }
        let loopback = ["127.0.0.1", "::1", "[::1]", "localhost"].contains(host.lowercased())
        guard scheme == "https" || (scheme == "http" && loopback) else {
            throw DaemonError(.settings, "`\(setting)` must use https (plain http only to 127.0.0.1)",
                              hint: "notifications name your users: send them encrypted")
        }
    }
}
