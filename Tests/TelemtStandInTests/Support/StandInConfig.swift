import Foundation

/// telemt config.toml texts for the stand-in tests: a fixed template around `[access.users]`.
enum StandInConfig {
    /// A distinct 32-hex secret for user number `index`.
    static func secret(_ index: Int) -> String {
        String(format: "5ec7e7%026x", index * 7_919 + 1_234_567)
    }

    /// A config with `users` (secrets from `secret(_:)` by position), then the raw `tables` text
    /// after `[access.users]`; `sections` goes before `[access.users]` (e.g. `[general.telemetry]`),
    /// `api` inside `[server.api]`.
    static func text(users: [String], tables: String = "", sections: String = "", api: String = "") -> String {
        var text = """
            # telemt config for stand-in tests
            [general]
            use_middle_proxy = false

            [general.modes]
            classic = false
            secure = false
            tls = true

            [general.links]
            public_host = "proxy.example.net"

            [server]
            port = 443

            [server.api]
            enabled = true
            \(api)

            [censorship]
            tls_domain = "cdn.example.com"

            \(sections)

            [access.users]

            """
        for (index, user) in users.enumerated() { text += "\"\(user)\" = \"\(secret(index))\"\n" }
        return text + "\n" + tables + "\n"
    }
}
