import Foundation
import Testing
import TestSupport

@Suite struct MetricsFormatTests {
    /// telemt 3.4.x's `/metrics` shape, kept next to the stand-in's script.
    static let fixture = TelemtStandIn.scriptURL.deletingLastPathComponent().appendingPathComponent("metrics.sample.prom")

    @Test func printsTelemtsFamiliesHelpAndTypes() throws {
        let telemt = try TelemtStandIn(config: StandInConfig.text(users: ["alice", "bob.k", "carol"]) + "[access.user_max_unique_ips]\nalice = 3\n")
        defer { telemt.stop() }
        try telemt.connect("alice", ip: "198.51.100.23")
        try telemt.connect("alice", ip: "2001:db8::1")
        try telemt.traffic("alice", from: 6_687_272_492, to: 232_092_241_376)
        try telemt.traffic("bob.k", from: 1_024, to: 2_048)
        let text = try telemt.metrics()
        let metrics = MetricsText(text)

        #expect(metrics.malformed.isEmpty, "\(metrics.malformed)")
        #expect(metrics.untyped(in: text).isEmpty)
        #expect(metrics.samples[#"telemt_build_info{version="3.4.25"}"#] == "1")
        #expect(metrics.types["telemt_uptime_seconds"] == "gauge")
        #expect(metrics.samples["telemt_uptime_seconds"]?.split(separator: ".").last?.count == 1)
        for (family, type) in [
            ("telemt_connections_total", "counter"), ("telemt_user_octets_from_client", "counter"),
            ("telemt_user_octets_to_client", "counter"), ("telemt_user_connections_total", "counter"),
            ("telemt_user_connections_current", "gauge"), ("telemt_user_unique_ips_current", "gauge"),
            ("telemt_user_unique_ips_limit", "gauge"), ("telemt_telemetry_user_series_suppressed", "gauge"),
            ("telemt_telemetry_user_series_users", "gauge"),
        ] {
            #expect(metrics.types[family] == type, "\(family)")
            #expect(metrics.helps.contains(family), "\(family)")
        }
        #expect(!text.contains("octets_from_client_total"))
        #expect(metrics.user("user_octets_to_client", "alice") == "232092241376")
        #expect(metrics.user("user_unique_ips_current", "alice") == "2")
        #expect(metrics.user("user_unique_ips_utilization", "alice") == "0.666667")
        #expect(metrics.user("user_unique_ips_utilization", "carol") == "0.000000")
        #expect(metrics.samples["telemt_telemetry_user_series_suppressed"] == "0")
        #expect(metrics.samples[#"telemt_telemetry_user_series_users{family="stats",status="emitted"}"#] == "2")
        #expect(metrics.samples[#"telemt_telemetry_user_series_users{family="unique_ip",status="emitted"}"#] == "3")
        // Per user, the six stats lines come together in the sample's order.
        let aliceLines = metrics.order.filter { $0.hasSuffix(#"{user="alice"}"#) }.prefix(4).map(MetricsText.family)
        #expect(aliceLines == [
            "telemt_user_connections_total", "telemt_user_connections_current",
            "telemt_user_octets_from_client", "telemt_user_octets_to_client",
        ])
    }

    /// Every comment line of telemt's shipped sample appears verbatim in the stand-in's output.
    @Test func helpAndTypeLinesMatchTheFixture() throws {
        let sample = try String(contentsOf: Self.fixture, encoding: .utf8)
        let telemt = try TelemtStandIn(config: StandInConfig.text(users: ["alice"]))
        defer { telemt.stop() }
        let lines = Set(try telemt.metrics().split(separator: "\n"))
        let imitated = sample.split(separator: "\n").filter { $0.hasPrefix("# ") && !$0.contains("telemt_me_") }
        #expect(!imitated.isEmpty)
        for line in imitated { #expect(lines.contains(line), "\(line)") }
    }

    @Test func atMost4096UsersAreLabelledAndTheSetShifts() throws {
        let users = (0..<5_000).map { String(format: "user%05d", $0) }
        let telemt = try TelemtStandIn(config: StandInConfig.text(users: users))
        defer { telemt.stop() }
        let response = try telemt.control("/traffic", ["users": users, "from": 1, "to": 2] as [String: Any])
        #expect(response.status == 200)

        let first = MetricsText(try telemt.metrics())
        let second = MetricsText(try telemt.metrics())
        for metrics in [first, second] {
            #expect(metrics.users("user_octets_from_client").count == 4_096)
            #expect(Set(metrics.users("user_octets_to_client")) == Set(metrics.users("user_octets_from_client")))
            #expect(metrics.samples["telemt_telemetry_user_series_suppressed"] == "1")
            #expect(metrics.samples[#"telemt_telemetry_user_series_users{family="stats",status="emitted"}"#] == "4096")
            #expect(metrics.samples[#"telemt_telemetry_user_series_users{family="stats",status="suppressed"}"#] == "904")
            #expect(metrics.samples[#"telemt_telemetry_user_series_users{family="unique_ip",status="emitted"}"#] == "4096")
            #expect(metrics.samples[#"telemt_telemetry_user_series_users{family="unique_ip",status="suppressed"}"#] == "904")
            #expect(metrics.users("user_unique_ips_current") == Array(users.prefix(4_096)))
            #expect(metrics.users("user_unique_ips_limit") == Array(users.prefix(4_096)))
        }
        #expect(Set(first.users("user_octets_from_client")) != Set(second.users("user_octets_from_client")))
        // The API still lists every user.
        let listed = try telemt.api("/v1/users").object["data"] as? [[String: Any]]
        #expect(listed?.count == 5_000)
    }

    @Test func userTelemetryOffRemovesPerUserSeries() throws {
        let config = StandInConfig.text(users: ["alice"], sections: "[general.telemetry]\nuser_enabled = false\n")
        let telemt = try TelemtStandIn(config: config + "[access.user_max_tcp_conns]\nalice = 1\n")
        defer { telemt.stop() }
        try telemt.traffic("alice", from: 10, to: 10)
        // With per-user telemetry off telemt does not enforce user_max_tcp_conns either.
        #expect(try telemt.connect("alice").status == 200)
        #expect(try telemt.connect("alice").status == 200)
        let metrics = MetricsText(try telemt.metrics())
        #expect(metrics.order.allSatisfy { !$0.contains("user=") })
        #expect(metrics.samples["telemt_telemetry_user_enabled"] == "0")
        #expect(metrics.samples["telemt_telemetry_user_series_suppressed"] == "1")
        #expect(metrics.samples[#"telemt_telemetry_user_series_users{family="stats",status="emitted"}"#] == "0")
        #expect(metrics.samples["telemt_connections_total"] == "3")

        try telemt.reload(StandInConfig.text(users: ["alice"]))
        try telemt.traffic("bob", from: 1, to: 1)
        try telemt.traffic("alice", from: 5, to: 6)
        #expect(MetricsText(try telemt.metrics()).user("user_octets_to_client", "alice") == "6")
    }
}
