import Foundation

/// Bodies shaped exactly like telemt 3.4.25's API answers (field lists of `UserInfo`, `UserLinks`
/// and `SystemInfoData` in src/api/model.rs and runtime_zero.rs, serde's order and nulls).
enum TelemtAPIFixtures {
    struct User {
        var name: String
        /// 32 lowercase hex digits, as telemt's secrets.
        var secret: String
        var enabled = true
        var totalOctets: UInt64 = 0
        var currentConnections: UInt64 = 0
    }

    static let revision = "9f2c4e1b7a3d5f60812e4c9b0a7d3f5e6c1b2a3d4e5f60718293a4b5c6d7e8f9"

    /// A secret for user number `index`, distinct and recognisable in any text.
    static func secret(_ index: Int) -> String {
        String(format: "5ec7e7%026x", index * 7_919 + 1_234_567)
    }

    static func sampleUsers() -> [User] {
        [
            User(name: "alice", secret: secret(1), totalOctets: 6_687_272_492, currentConnections: 3),
            User(name: "bob.k", secret: secret(2), enabled: false),
            User(name: "max_user-1", secret: secret(3), totalOctets: UInt64.max, currentConnections: 17),
        ]
    }

    static func usersBody(_ users: [User], revision: String = revision) -> String {
        #"{"ok":true,"data":["# + users.map(userJSON).joined(separator: ",") + #"],"revision":"\#(revision)"}"#
    }

    static func userJSON(_ user: User) -> String {
        let domainHex = "cdn.example.com".utf8.map { String(format: "%02x", $0) }.joined()
        let query = "tg://proxy?server=203.0.113.7&port=443&secret="
        let limits = user.enabled
            ? #""user_ad_tag":null,"max_tcp_conns":8,"expiration_rfc3339":"2026-12-31T23:59:59Z","data_quota_bytes":107374182400,"rate_limit_up_bps":null,"rate_limit_down_bps":null,"max_unique_ips":3"#
            : #""user_ad_tag":"0123456789abcdef0123456789abcdef","max_tcp_conns":null,"expiration_rfc3339":null,"data_quota_bytes":null,"rate_limit_up_bps":1000000,"rate_limit_down_bps":2000000,"max_unique_ips":null"#
        return #"{"username":"\#(user.name)","enabled":\#(user.enabled),"in_runtime":true,\#(limits),"#
            + #""current_connections":\#(user.currentConnections),"active_unique_ips":2,"#
            + #""active_unique_ips_list":["198.51.100.23","2001:db8::1"],"recent_unique_ips":3,"#
            + #""recent_unique_ips_list":["198.51.100.23","2001:db8::1","192.0.2.44"],"total_octets":\#(user.totalOctets),"#
            + #""links":{"classic":["\#(query)\#(user.secret)"],"secure":["\#(query)dd\#(user.secret)"],"#
            + #""tls":["\#(query)ee\#(user.secret)\#(domainHex)"],"#
            + #""tls_domains":[{"domain":"cdn.example.com","link":"\#(query)ee\#(user.secret)\#(domainHex)"}]}}"#
    }

    static func systemInfoBody(reloads: UInt64 = 2, lastReload: UInt64? = 1_753_000_123, uptime: String = "86412.371") -> String {
        var data = #"{"version":"3.4.25","target_arch":"x86_64","target_os":"linux","build_profile":"release","#
            + #""git_commit":"d851200e47e56b542f936c154945e75e42b671eb","process_started_at_epoch_secs":1752913711,"#
            + #""uptime_seconds":\#(uptime),"config_path":"/etc/telemt/telemt.toml","config_hash":"\#(revision)","#
            + #""config_reload_count":\#(reloads)"#
        if let lastReload { data += #","last_config_reload_epoch_secs":\#(lastReload)"# }
        return #"{"ok":true,"data":\#(data)},"revision":"\#(revision)"}"#
    }
}
