import Foundation
import Testing
import TestSupport

@Suite struct TrafficTests {
    static let config = StandInConfig.text(users: ["alice", "bob"])

    @Test func trafficAddsToTheUsersCounters() throws {
        let telemt = try TelemtStandIn(config: Self.config)
        defer { telemt.stop() }
        #expect(try telemt.traffic("alice", from: 1_000, to: 5_000).status == 200)
        #expect(try telemt.traffic("alice", from: 24, to: 0).status == 200)
        let metrics = MetricsText(try telemt.metrics())
        #expect(metrics.user("user_octets_from_client", "alice") == "1024")
        #expect(metrics.user("user_octets_to_client", "alice") == "5000")
        #expect(metrics.user("user_connections_total", "alice") == "2")
        #expect(metrics.samples["telemt_connections_total"] == "2")
        #expect(metrics.user("user_octets_from_client", "bob") == nil)
        let unknown = try telemt.traffic("mallory", from: 1, to: 1)
        #expect(unknown.status == 409)
        #expect(unknown.text.contains("unknown_user"))
    }

    @Test func disablingAUserDropsItsConnectionsAndStopsItsCounters() throws {
        let telemt = try TelemtStandIn(config: Self.config)
        defer { telemt.stop() }
        #expect(try telemt.connect("alice", ip: "198.51.100.1").status == 200)
        #expect(try telemt.connect("alice", ip: "198.51.100.2").status == 200)
        #expect(try telemt.connect("bob").status == 200)
        try telemt.traffic("alice", from: 100, to: 200)
        #expect(MetricsText(try telemt.metrics()).user("user_connections_current", "alice") == "2")

        let entry = try telemt.reload(Self.config + "[access.user_enabled]\nalice = false\n")
        #expect(entry["result"] as? String == "accepted")

        let connections = try telemt.state()["connections"] as? [[String: Any]]
        #expect(connections?.compactMap { $0["user"] as? String } == ["bob"])
        let refused = try telemt.traffic("alice", from: 5, to: 5)
        #expect(refused.status == 409)
        #expect(refused.text.contains("disabled"))
        #expect(try telemt.connect("alice").status == 409)
        let metrics = MetricsText(try telemt.metrics())
        #expect(metrics.user("user_connections_current", "alice") == "0")
        #expect(metrics.user("user_octets_from_client", "alice") == "100")
        #expect(metrics.user("user_unique_ips_current", "alice") == "0")
        #expect(metrics.user("user_connections_current", "bob") == "1")
    }

    @Test func expiryIsCheckedAtAdmission() throws {
        let expiry = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3_600))
        let telemt = try TelemtStandIn(config: Self.config + "[access.user_expirations]\nalice = \"\(expiry)\"\n")
        defer { telemt.stop() }
        #expect(try telemt.traffic("alice", from: 1, to: 1).status == 200)
        try telemt.advance(seconds: 7_200)
        let refused = try telemt.traffic("alice", from: 1, to: 1)
        #expect(refused.status == 409)
        #expect(refused.text.contains("expired"))
        #expect(try telemt.connect("alice").status == 409)
        #expect(try telemt.traffic("bob", from: 1, to: 1).status == 200)
    }

    @Test func maxTcpConnsLimitsConnections() throws {
        let telemt = try TelemtStandIn(config: Self.config + "[access.user_max_tcp_conns]\nalice = 2\nbob = 0\n")
        defer { telemt.stop() }
        #expect(try telemt.connect("alice").status == 200)
        #expect(try telemt.connect("alice").status == 200)
        let third = try telemt.connect("alice")
        #expect(third.status == 409)
        #expect(third.text.contains("tcp_limit"))
        for _ in 0..<3 { #expect(try telemt.connect("bob").status == 200) }  // 0 = no limit
        try telemt.control("/disconnect", ["user": "alice"])
        #expect(try telemt.connect("alice").status == 200)
        let metrics = MetricsText(try telemt.metrics())
        #expect(metrics.samples["telemt_connections_bad_total"] == "1")
        #expect(metrics.user("user_connections_total", "alice") == "3")
    }

    @Test func maxUniqueIPsLimitsNewAddresses() throws {
        let telemt = try TelemtStandIn(config: Self.config + "[access.user_max_unique_ips]\nalice = 1\n")
        defer { telemt.stop() }
        #expect(try telemt.connect("alice", ip: "192.0.2.1").status == 200)
        #expect(try telemt.connect("alice", ip: "192.0.2.1").status == 200)
        #expect(try telemt.connect("alice", ip: "192.0.2.2").status == 409)
        let metrics = MetricsText(try telemt.metrics())
        #expect(metrics.user("user_unique_ips_current", "alice") == "1")
        #expect(metrics.user("user_unique_ips_limit", "alice") == "1")
        #expect(metrics.user("user_unique_ips_utilization", "alice") == "1.000000")
    }

    @Test func restartStartsAFreshProcess() throws {
        let telemt = try TelemtStandIn(config: Self.config)
        defer { telemt.stop() }
        try telemt.connect("bob")
        try telemt.traffic("alice", from: 10, to: 10)
        try telemt.advance(seconds: 100)
        try telemt.reload(Self.config + "[access.user_max_tcp_conns]\nalice = 4\n")
        let before = try telemt.systemInfo()
        #expect(MetricsText(try telemt.metrics()).uptime >= 100)

        #expect(try telemt.control("/restart").status == 200)

        try expectCountersStartOver(telemt)
        let after = try telemt.systemInfo()
        let startedBefore = try #require(before?["process_started_at_epoch_secs"] as? Int)
        let startedAfter = try #require(after?["process_started_at_epoch_secs"] as? Int)
        #expect(startedAfter > startedBefore)
        #expect(before?["config_reload_count"] as? Int == 1)
        #expect(after?["config_reload_count"] as? Int == 0)
        #expect(after?["last_config_reload_epoch_secs"] == nil)
        #expect((try telemt.state()["connections"] as? [Any])?.isEmpty == true)
    }

    @Test func resetStatsKeepsTheProcess() throws {
        let telemt = try TelemtStandIn(config: Self.config)
        defer { telemt.stop() }
        try telemt.traffic("alice", from: 10, to: 10)
        try telemt.advance(seconds: 100)
        let before = try telemt.systemInfo()

        #expect(try telemt.control("/reset-stats").status == 200)

        try expectCountersStartOver(telemt)
        let after = try telemt.systemInfo()
        #expect(after?["process_started_at_epoch_secs"] as? Int == before?["process_started_at_epoch_secs"] as? Int)
        #expect(after?["config_reload_count"] as? Int == 1)
        let users = try telemt.api("/v1/users").object["data"] as? [[String: Any]]
        #expect(users?.first?["total_octets"] as? Int == 0)
    }

    /// After a restart or a stats reset: no user series, no connections counted, uptime near 0.
    private func expectCountersStartOver(_ telemt: TelemtStandIn) throws {
        let metrics = MetricsText(try telemt.metrics())
        #expect(metrics.users("user_octets_from_client").isEmpty)
        #expect(metrics.samples["telemt_connections_total"] == "0")
        #expect((0..<5).contains(metrics.uptime))
    }

    @Test func idleSeriesVanishAfterADayAndReturnFromZero() throws {
        let telemt = try TelemtStandIn(config: Self.config)
        defer { telemt.stop() }
        try telemt.traffic("alice", from: 500, to: 700)
        try telemt.traffic("bob", from: 1, to: 1)
        try telemt.connect("bob")
        try telemt.advance(seconds: 86_000)
        #expect(MetricsText(try telemt.metrics()).user("user_octets_from_client", "alice") == "500")
        try telemt.advance(seconds: 401)

        let idle = MetricsText(try telemt.metrics())
        #expect(idle.user("user_octets_from_client", "alice") == nil)
        #expect(idle.user("user_octets_from_client", "bob") == "1")  // a live connection keeps it
        #expect(idle.user("user_unique_ips_current", "alice") == "0")  // configured users keep these

        try telemt.traffic("alice", from: 3, to: 4)
        let back = MetricsText(try telemt.metrics())
        #expect(back.user("user_octets_from_client", "alice") == "3")
        #expect(back.user("user_octets_to_client", "alice") == "4")
        #expect(back.user("user_connections_total", "alice") == "1")
    }

    @Test func stopsByItselfAfterItsLifetime() throws {
        let telemt = try TelemtStandIn(config: Self.config, maxLifetime: 1)
        defer { telemt.stop() }
        #expect(telemt.waitForExit(timeout: 5))
    }
}
