import Foundation
import Testing
import TestSupport

@Suite struct APITests {
    static let config = StandInConfig.text(users: ["alice", "bob.k"]) + """
        [access.user_enabled]
        "bob.k" = false

        [access.user_max_tcp_conns]
        alice = 8

        [access.user_expirations]
        alice = "2026-12-31T23:59:59Z"

        [access.user_data_quota]
        alice = 107374182400

        [access.user_max_unique_ips]
        alice = 3
        """

    /// The keys of telemt 3.4.25's `UserInfo`, in serde's order.
    static let userKeys = [
        "username", "enabled", "in_runtime", "user_ad_tag", "max_tcp_conns", "expiration_rfc3339", "data_quota_bytes",
        "rate_limit_up_bps", "rate_limit_down_bps", "max_unique_ips", "current_connections", "active_unique_ips",
        "active_unique_ips_list", "recent_unique_ips", "recent_unique_ips_list", "total_octets", "links",
    ]

    @Test func usersListsEveryConfiguredUserLikeTelemt() throws {
        let telemt = try TelemtStandIn(config: Self.config)
        defer { telemt.stop() }
        try telemt.connect("alice", ip: "198.51.100.23")
        try telemt.traffic("alice", from: 1_000, to: 5_000)

        let response = try telemt.api("/v1/users")
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "application/json; charset=utf-8")
        let envelope = response.object
        #expect(envelope["ok"] as? Bool == true)
        #expect(envelope["revision"] as? String == (try TelemtStandIn.sha256(of: telemt.configURL)))
        let users = try #require(envelope["data"] as? [[String: Any]])
        #expect(users.map { $0["username"] as? String } == ["alice", "bob.k"])
        // serde writes the struct's fields in order: check the raw text.
        let positions = Self.userKeys.map { response.text.range(of: "\"\($0)\":")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())

        let alice = users[0]
        #expect(alice["enabled"] as? Bool == true)
        #expect(alice["in_runtime"] as? Bool == true)
        #expect(alice["max_tcp_conns"] as? Int == 8)
        #expect(alice["expiration_rfc3339"] as? String == "2026-12-31T23:59:59+00:00")
        #expect(alice["data_quota_bytes"] as? Int == 107_374_182_400)
        #expect(alice["max_unique_ips"] as? Int == 3)
        #expect(alice["current_connections"] as? Int == 1)
        #expect(alice["active_unique_ips"] as? Int == 1)
        #expect(alice["active_unique_ips_list"] as? [String] == ["198.51.100.23"])
        #expect(alice["total_octets"] as? Int == 6_000)
        #expect(alice["user_ad_tag"] is NSNull)
        let links = try #require(alice["links"] as? [String: Any])
        let domain = "cdn.example.com".utf8.map { String(format: "%02x", $0) }.joined()
        #expect(links["tls"] as? [String] == ["tg://proxy?server=proxy.example.net&port=443&secret=ee\(StandInConfig.secret(0))\(domain)"])
        #expect(links["classic"] as? [String] == [])
        #expect(links["tls_domains"] as? [Any] != nil)

        let bob = users[1]
        #expect(bob["enabled"] as? Bool == false)
        #expect(bob["max_tcp_conns"] is NSNull)
        #expect(bob["total_octets"] as? Int == 0)
    }

    @Test func systemInfoReportsTheProcessAndTheConfigOnDisk() throws {
        let telemt = try TelemtStandIn(config: Self.config)
        defer { telemt.stop() }
        let info = try #require(try telemt.systemInfo())
        #expect(info["version"] as? String == "3.4.25")
        #expect(info["config_path"] as? String == telemt.configURL.path)
        #expect(info["config_hash"] as? String == (try TelemtStandIn.sha256(of: telemt.configURL)))
        #expect(info["config_reload_count"] as? Int == 0)
        #expect(info["last_config_reload_epoch_secs"] == nil)
        let started = try #require(info["process_started_at_epoch_secs"] as? Int)
        #expect(abs(Double(started) - Date().timeIntervalSince1970) < 30)
        #expect(info["uptime_seconds"] is Double)

        try telemt.reload(Self.config + "\n[access.user_ad_tags]\nalice = \"0123456789abcdef0123456789abcdef\"\n")
        let reloaded = try #require(try telemt.systemInfo())
        #expect(reloaded["config_reload_count"] as? Int == 1)
        #expect(reloaded["last_config_reload_epoch_secs"] is Int)
        #expect(reloaded["config_hash"] as? String == (try TelemtStandIn.sha256(of: telemt.configURL)))
        #expect(reloaded["config_hash"] as? String != info["config_hash"] as? String)
        #expect(reloaded["process_started_at_epoch_secs"] as? Int == started)

        try telemt.advance(seconds: 1_000)
        let later = try #require(try telemt.systemInfo())
        #expect((later["uptime_seconds"] as? Double ?? 0) >= 1_000)
    }

    /// telemt hashes the file on disk at request time, so a refused file shows in config_hash
    /// while the reload count stays; /v1/users, which reads the file too, fails.
    @Test func refusedFileOnDiskShowsInTheHashButNotInTheReloadCount() throws {
        let telemt = try TelemtStandIn(config: Self.config)
        defer { telemt.stop() }
        try telemt.reload(Self.config + "\n[access.user_data_quota.x]\n")
        let info = try #require(try telemt.systemInfo())
        #expect(info["config_hash"] as? String == (try TelemtStandIn.sha256(of: telemt.configURL)))
        #expect(info["config_reload_count"] as? Int == 0)
        let users = try telemt.api("/v1/users")
        #expect(users.status == 500)
        #expect((users.object["error"] as? [String: Any])?["code"] as? String == "internal_error")
    }

    @Test func authHeaderIsRequiredWhenConfigured() throws {
        let config = StandInConfig.text(users: ["alice"], api: "auth_header = \"Bearer s3cret\"")
        let telemt = try TelemtStandIn(config: config)
        defer { telemt.stop() }
        for headers in [[:], ["Authorization": "Bearer wrong"]] {
            let refused = try telemt.api("/v1/users", headers: headers)
            #expect(refused.status == 401)
            #expect(refused.object["ok"] as? Bool == false)
            let error = refused.object["error"] as? [String: Any]
            #expect(error?["code"] as? String == "unauthorized")
            #expect(error?["message"] as? String == "Missing or invalid Authorization header")
            #expect(refused.object["request_id"] is Int)
        }
        #expect(try telemt.api("/v1/users", headers: ["Authorization": "Bearer s3cret"]).status == 200)
        #expect(try telemt.api("/v1/system/info", headers: ["Authorization": "Bearer s3cret"]).status == 200)
        // /metrics has no auth.
        #expect(try telemt.metrics().contains("telemt_uptime_seconds"))
    }

    @Test func readOnlyRefusesMutatingRoutes() throws {
        let telemt = try TelemtStandIn(config: StandInConfig.text(users: ["alice"], api: "read_only = true"))
        defer { telemt.stop() }
        for (method, path) in [
            ("POST", "/v1/users"), ("PATCH", "/v1/users/alice"), ("DELETE", "/v1/users/alice"),
            ("POST", "/v1/users/alice/disable"), ("POST", "/v1/users/alice/rotate-secret"),
            ("POST", "/v1/system/reload"), ("PATCH", "/v1/config"),
        ] {
            let refused = try telemt.api(path, method: method)
            #expect(refused.status == 403, "\(method) \(path)")
            #expect((refused.object["error"] as? [String: Any])?["code"] as? String == "read_only")
            #expect((refused.object["error"] as? [String: Any])?["message"] as? String == "API runs in read-only mode")
        }
        #expect(try telemt.api("/v1/users").status == 200)
        let health = try telemt.api("/v1/health").object["data"] as? [String: Any]
        #expect(health?["read_only"] as? Bool == true)
    }

    @Test func apiSettingsNeedARestart() throws {
        let telemt = try TelemtStandIn(config: StandInConfig.text(users: ["alice"]))
        defer { telemt.stop() }
        let locked = StandInConfig.text(users: ["alice"], api: "read_only = true")
        try telemt.reload(locked)
        #expect(try telemt.api("/v1/users", method: "POST").status == 501)
        try telemt.control("/restart")
        #expect(try telemt.api("/v1/users", method: "POST").status == 403)
    }

    @Test func unknownRoutesAndMethods() throws {
        let telemt = try TelemtStandIn(config: StandInConfig.text(users: ["alice"]))
        defer { telemt.stop() }
        let missing = try telemt.api("/v1/nothing")
        #expect(missing.status == 404)
        #expect((missing.object["error"] as? [String: Any])?["code"] as? String == "not_found")
        let wrongMethod = try telemt.api("/v1/system/info", method: "POST")
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.headers["allow"] == "GET")
        let user = try telemt.api("/v1/users/alice").object["data"] as? [String: Any]
        #expect(user?["username"] as? String == "alice")
        #expect(try telemt.api("/v1/users/nobody").status == 404)
    }
}
