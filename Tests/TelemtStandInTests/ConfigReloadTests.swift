import Foundation
import Testing
import TestSupport

/// A config.toml telemt refuses, and why.
struct RefusedConfig: Sendable, CustomTestStringConvertible {
    let name: String
    let text: String
    /// A fragment of the logged reason.
    let reason: String

    var testDescription: String { name }

    static let good = StandInConfig.text(users: ["alice", "bob"])

    static let unparsable = RefusedConfig(name: "unparsable TOML", text: good + "[access.users\nbroken = ", reason: "failed to parse")
    static let unquotedExpiry = RefusedConfig(
        name: "unquoted expiry datetime", text: good + "[access.user_expirations]\nalice = 2027-01-01T00:00:00Z\n", reason: "RFC 3339"
    )

    static let all: [RefusedConfig] = [
        unparsable,
        RefusedConfig(name: "duplicate key", text: good.replacingOccurrences(of: "[access.users]\n", with: "[access.users]\nbob = \"\(StandInConfig.secret(9))\"\n"), reason: "failed to parse"),
        RefusedConfig(name: "empty [access.users]", text: StandInConfig.text(users: []), reason: "No users configured"),
        RefusedConfig(name: "31-hex secret", text: good.replacingOccurrences(of: StandInConfig.secret(0), with: String(StandInConfig.secret(0).dropFirst())), reason: "32 hex"),
        RefusedConfig(name: "33-hex secret", text: good.replacingOccurrences(of: StandInConfig.secret(0), with: StandInConfig.secret(0) + "0"), reason: "32 hex"),
        RefusedConfig(name: "non-hex secret", text: StandInConfig.text(users: ["alice"]).replacingOccurrences(of: "5ec7e7", with: "zzzzzz"), reason: "32 hex"),
        RefusedConfig(name: "secret not a string", text: good.replacingOccurrences(of: "[access.users]\n", with: "[access.users]\ncarol = 12\n"), reason: "expected a string"),
        unquotedExpiry,
        RefusedConfig(name: "expiry not RFC 3339", text: good + "[access.user_expirations]\nalice = \"2027-01-01\"\n", reason: "RFC 3339"),
        RefusedConfig(name: "expiry impossible date", text: good + "[access.user_expirations]\nalice = \"2027-02-30T00:00:00Z\"\n", reason: "RFC 3339"),
        RefusedConfig(name: "user_enabled not a bool", text: good + "[access.user_enabled]\nalice = \"false\"\n", reason: "expected a boolean"),
        RefusedConfig(name: "negative max_tcp_conns", text: good + "[access.user_max_tcp_conns]\nalice = -1\n", reason: "non-negative integer"),
        RefusedConfig(name: "max_unique_ips a string", text: good + "[access.user_max_unique_ips]\nalice = \"3\"\n", reason: "non-negative integer"),
        RefusedConfig(name: "data_quota a float", text: good + "[access.user_data_quota]\nalice = 1.5\n", reason: "non-negative integer"),
        RefusedConfig(name: "data_quota a bool", text: good + "[access.user_data_quota]\nalice = true\n", reason: "non-negative integer"),
        RefusedConfig(name: "rate limit with both directions zero", text: good + "[access.user_rate_limits]\nalice = { up_bps = 0, down_bps = 0 }\n", reason: "non-zero direction"),
        RefusedConfig(name: "ad tag not 32 hex", text: good + "[access.user_ad_tags]\nalice = \"1234\"\n", reason: "32 hex"),
        RefusedConfig(name: "unique-ip window zero", text: good.replacingOccurrences(of: "[access.users]", with: "[access]\nuser_max_unique_ips_window_secs = 0\n\n[access.users]"), reason: "window_secs"),
        RefusedConfig(name: "no modes", text: good.replacingOccurrences(of: "tls = true", with: "tls = false"), reason: "No modes enabled"),
        RefusedConfig(name: "unknown key under config_strict", text: good.replacingOccurrences(of: "use_middle_proxy = false", with: "use_middle_proxy = false\nconfig_strict = true").replacingOccurrences(of: "[access.users]", with: "[access]\nuser_enabledd = 1\n\n[access.users]"), reason: "unknown config keys"),
    ]
}

@Suite struct ConfigReloadTests {
    @Test(arguments: RefusedConfig.all)
    func refusedReloadKeepsTheOldConfiguration(_ refused: RefusedConfig) throws {
        let telemt = try TelemtStandIn(config: RefusedConfig.good)
        defer { telemt.stop() }
        try telemt.connect("alice")

        let entry = try telemt.reload(refused.text)

        #expect(entry["result"] as? String == "refused")
        #expect((entry["reason"] as? String)?.contains(refused.reason) == true, "\(entry)")
        let state = try telemt.state()
        #expect((state["users"] as? [String: Any]).map { $0.keys.sorted() } == ["alice", "bob"])
        #expect(state["config_reload_count"] as? Int == 0)
        #expect((state["connections"] as? [Any])?.count == 1)
        #expect(try telemt.traffic("bob", from: 10, to: 20).status == 200)
        #expect((state["last_reload"] as? [String: Any])?["result"] as? String == "refused")
    }

    @Test func refusedFirstLoadMeansNoStart() throws {
        #expect(throws: TelemtStandIn.Failure.self) { try TelemtStandIn(config: StandInConfig.text(users: [])) }
        do {
            let telemt = try TelemtStandIn(config: RefusedConfig.unquotedExpiry.text)
            telemt.stop()
            Issue.record("an unquoted expiry was accepted at start")
        } catch let failure as TelemtStandIn.Failure {
            #expect(failure.description.contains("RFC 3339"))
        }
    }

    /// telemt fills a missing `[access.users]` with its built-in user `default` (all-zero secret).
    @Test func missingUsersTableFallsBackToTelemtsDefaultUser() throws {
        let text = StandInConfig.text(users: []).replacingOccurrences(of: "[access.users]", with: "")
        let telemt = try TelemtStandIn(config: text)
        defer { telemt.stop() }
        let users = try telemt.state()["users"] as? [String: Any]
        #expect(users.map { Array($0.keys) } == ["default"])
    }

    @Test func renameOverIsNoticedQuickly() throws {
        let telemt = try TelemtStandIn(config: RefusedConfig.good, poll: 0.2)
        defer { telemt.stop() }
        let started = Date()
        try telemt.writeConfig(StandInConfig.text(users: ["alice", "bob", "carol"]))
        var users: [String] = []
        while !users.contains("carol"), Date().timeIntervalSince(started) < 5 {
            users = ((try telemt.state()["users"] as? [String: Any]) ?? [:]).keys.sorted()
            usleep(20_000)
        }
        #expect(users == ["alice", "bob", "carol"])
        #expect(Date().timeIntervalSince(started) < 2)
        let state = try telemt.state()
        #expect(state["config_reload_count"] as? Int == 1)
        #expect(state["last_config_reload_epoch_secs"] is Int)
        #expect(try telemt.traffic("carol", from: 1, to: 1).status == 200)
    }

    @Test func sameContentIsNotAReload() throws {
        let telemt = try TelemtStandIn(config: RefusedConfig.good)
        defer { telemt.stop() }
        let before = telemt.reloadLog().count
        try telemt.writeConfig(RefusedConfig.good)
        usleep(500_000)
        #expect(telemt.reloadLog().count == before)
        #expect(try telemt.state()["config_reload_count"] as? Int == 0)
    }

    /// telemt counts a reload only when hot fields change; a comment or a restart-only field does not.
    @Test func changeOutsideHotFieldsIsAcceptedWithoutCountingAReload() throws {
        let telemt = try TelemtStandIn(config: RefusedConfig.good)
        defer { telemt.stop() }
        let entry = try telemt.reload(RefusedConfig.good.replacingOccurrences(of: "port = 443", with: "port = 8443") + "# a comment\n")
        #expect(entry["result"] as? String == "accepted")
        #expect(try telemt.state()["config_reload_count"] as? Int == 0)
        try telemt.reload(RefusedConfig.good + "[access.user_max_tcp_conns]\nalice = 4\n")
        #expect(try telemt.state()["config_reload_count"] as? Int == 1)
    }

    @Test func refusedThenFixedFileIsApplied() throws {
        let telemt = try TelemtStandIn(config: RefusedConfig.good)
        defer { telemt.stop() }
        try telemt.reload(RefusedConfig.unparsable.text)
        let entry = try telemt.reload(StandInConfig.text(users: ["alice"]))
        #expect(entry["result"] as? String == "accepted")
        #expect((try telemt.state()["users"] as? [String: Any]).map { Array($0.keys) } == ["alice"])
    }
}
