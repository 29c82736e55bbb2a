import Foundation
import Testing

/// `telemt-gitops scrape` end to end against a loopback server shaped like telemt: every case the
/// ledger must get exactly right, as a user would hit it.
@Suite(.serialized)
struct ScrapeCommandTests {
    let telemt: ScriptedTelemt
    let scratch: Scratch

    init() throws {
        telemt = try ScriptedTelemt()
        scratch = try Scratch()
    }

    func scrape(_ path: String = "/metrics", _ extra: [String] = []) throws -> CLI.Result {
        try CLI.run(["scrape", "--db", scratch.file("stats.sqlite"), "--metrics", telemt.url(path), "--node", "eu-1"] + extra)
    }

    /// Lifetime bytes per user, from `usage --json`.
    func lifetime() throws -> [String: UInt64] {
        let result = try CLI.run(["usage", "--db", scratch.file("stats.sqlite"), "--period", "none", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let rows = object?["rows"] as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["user"] as? String ?? "", ($0["lifetime"] as? NSNumber)?.uint64Value ?? 0) })
    }

    @Test func aSlowAnswerIsNotARestart() throws {
        defer { telemt.stop() }
        try telemt.metrics(uptime: 864_000, users: [("alice", "9000000000", "9600000000")])
        #expect(try scrape().status == 0)
        try telemt.metrics(uptime: 864_001, users: [("alice", "9000001000", "9600001000")])
        try telemt.set("delay", "11")
        let slow = try scrape("/slow", ["--timeout", "20"])
        #expect(slow.status == 0, "\(slow.stderr)")
        #expect(!slow.stdout.contains("restarted"))
        #expect(slow.stdout.contains("up 10d 0h 0m, 1 user;") && !slow.stdout.contains("1 users"), "\(slow.stdout)")
        #expect(try lifetime()["alice"] == 18_600_002_000)
    }

    @Test func aSuppressedSeriesKeepsItsBaseline() throws {
        defer { telemt.stop() }
        try telemt.metrics(uptime: 100, users: [("alice", "10", "10"), ("bob", "1000", "1000")])
        #expect(try scrape().status == 0)
        try telemt.metrics(uptime: 160, users: [("alice", "20", "20")], suppressed: true)
        let suppressed = try scrape()
        #expect(suppressed.stdout.contains("1 without a reading (baselines kept)"))
        #expect(suppressed.stderr.contains("Add --api"))
        try telemt.metrics(uptime: 220, users: [("alice", "20", "20"), ("bob", "1500", "1500")])
        #expect(try scrape().status == 0)
        #expect(try lifetime() == ["alice": 40, "bob": 3_000])
    }

    @Test func theAPIAccountsUsersMetricsLeavesOut() throws {
        defer { telemt.stop() }
        try scratch.write("auth", "Bearer s3cret\n")
        try telemt.metrics(uptime: 100, users: [("alice", "10", "10")])
        try telemt.api(started: 1_700_000_000, users: [("alice", 20), ("zed", 500)], auth: "Bearer s3cret")
        let api = ["--api", telemt.base, "--api-auth-file", scratch.file("auth")]
        #expect(try scrape("/metrics", api).status == 0)
        try telemt.metrics(uptime: 160, users: [("alice", "15", "15")])
        try telemt.api(started: 1_700_000_000, users: [("alice", 30), ("zed", 900)])
        let second = try scrape("/metrics", api)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try lifetime() == ["alice": 30, "zed": 900])
        try scratch.write("auth", "wrong\n")
        let refused = try scrape("/metrics", api)
        #expect(refused.status != 0 && !refused.stderr.contains("wrong") && !refused.stderr.contains("s3cret"))
    }

    @Test func aStatsResetCountsUsersWhoseCountersRegrew() throws {
        defer { telemt.stop() }
        try telemt.metrics(uptime: 5_000, connections: 900, users: [("alice", "100", "100"), ("bob", "50", "50")])
        #expect(try scrape().status == 0)
        try telemt.metrics(uptime: 30, connections: 4, users: [("alice", "300", "300"), ("bob", "1", "1")])
        let reset = try scrape()
        #expect(reset.stdout.contains("telemt restarted: telemt's uptime went down"))
        #expect(try lifetime() == ["alice": 800, "bob": 102])
    }

    @Test func numbersNearAndPast2To64() throws {
        defer { telemt.stop() }
        try telemt.metrics(uptime: 1e19, users: [("alice", "18446744073709551615", "0"), ("bob", "1e19", "0")])
        let exact = try scrape()
        #expect(exact.status == 0, "\(exact.stderr)")
        try telemt.metrics(uptime: 1e19 + 60, users: [("alice", "1e400", "0")])
        let past = try scrape()
        #expect(past.status == 1 && past.stderr.contains("metrics line") && past.stderr.contains("2^64"))
        let usage = try lifetime()
        // Totals saturate at the store's 63 bits (≈ 8 EiB) instead of wrapping or trapping.
        #expect(usage["alice"] == UInt64(Int64.max) && usage["bob"] == UInt64(Int64.max), "\(usage)")
        let timeout = try scrape("/metrics", ["--timeout", "1e30"])
        #expect(timeout.status == 64 && timeout.stderr.contains("--timeout"))
    }

    @Test func aBodyCutShortWithoutContentLengthRecordsNothing() throws {
        defer { telemt.stop() }
        try telemt.metrics(uptime: 100, users: [("alice", "100", "1")])
        #expect(try scrape().status == 0)
        try telemt.metrics(uptime: 160, users: [("alice", "123456789", "1")])
        try telemt.set("cut", "\(try Data(contentsOf: URL(fileURLWithPath: telemt.directoryFile())).count - 30)")
        let cut = try scrape("/until-close")
        #expect(cut.status == 1 && cut.stderr.contains("closed before the response was complete"), "\(cut.stdout)\(cut.stderr)")
        #expect(try lifetime() == ["alice": 101])
    }

    @Test func aSecondHostUnderTheSameNodeIsRefused() throws {
        defer { telemt.stop() }
        try telemt.metrics(uptime: 100, users: [("alice", "10", "10")])
        #expect(try scrape().status == 0)
        try scratch.write("instance-id", "0123abcd-0000-4000-8000-00000000beef\n")
        try telemt.metrics(uptime: 50, users: [("alice", "5", "5")])
        let other = try scrape()
        #expect(other.status == 1 && other.stderr.contains("node eu-1 is recorded by instance") && other.stderr.contains("--take-over-node"))
        #expect(try lifetime() == ["alice": 20])
        #expect(try scrape("/metrics", ["--take-over-node"]).status == 0)
        #expect(try lifetime() == ["alice": 30])
    }
}
