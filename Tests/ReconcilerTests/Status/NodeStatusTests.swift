import Foundation
import Spec
import Testing
import TestSupport
@testable import Reconciler

struct NodeStatusTests {
    static let moscow = TimeZone(identifier: "Europe/Moscow")!
    static func at(_ text: String) -> Date { StatusText.parseInstant(text)! }

    static let sample = NodeStatus(
        node: "eu-1",
        applied: .init(revision: "3f2a9c1e0000000000000000000000000000abcd", configSHA256: String(repeating: "9b", count: 32), at: at("2026-12-02T10:00:00Z")),
        attempted: .init(revision: "7d4e000000000000000000000000000000000000", error: "users.yaml:14:17: error: `data_limit`: `lots` is not a size"),
        telemt: .init(version: "3.4.25", started: at("2026-11-30T08:12:00Z"), reload: .confirmed),
        heartbeat: at("2026-12-02T10:00:00Z"),
        warnings: ["5000 users on this node: telemt labels 4096 in /metrics; add telemt.api"],
        users: [
            .init(name: "bob", state: "active", used: 1_288_490_189, limit: .unlimited),
            .init(name: "alice", state: "limited", reason: "used 50.2 GiB of 50 GiB in 2026-12 (Europe/Moscow)",
                  period: DateInterval(start: at("2026-11-30T21:00:00Z"), end: at("2026-12-31T21:00:00Z")),
                  used: 53_901_897_728, limit: .bytes(50 << 30), expire: at("2027-01-01T20:59:59Z"),
                  firstSeen: at("2026-10-03T11:20:00Z"), connections: 0),
            .init(name: "null", state: "on_hold", reason: "on hold: 30d from the first connection", limit: .bytes(1_500_000_000)),
        ]
    )

    @Test func theFileMatchesItsGoldenText() throws {
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../Golden/status-eu-1.yaml").standardized
        let text = Self.sample.yaml(timeZone: Self.moscow)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" { try text.write(to: golden, atomically: true, encoding: .utf8) }
        #expect(text == (try String(contentsOf: golden, encoding: .utf8)))
        #expect(text.contains("      start: 2026-12-01T00:00:00+03:00\n"))
        #expect(text.contains("  \"null\":\n"))
    }

    @Test func whatIsWrittenReadsBackTheSame() throws {
        let text = Self.sample.yaml(timeZone: Self.moscow)
        let read = try NodeStatus(reading: Array(text.utf8), file: "status/eu-1.yaml")
        #expect(read == Self.sample)
    }

    @Test func randomStatusesRoundTrip() throws {
        var random = SeededGenerator(seed: 42)
        for _ in 0..<200 {
            let users = (0..<Int.random(in: 0...20, using: &random)).map { index in
                UserStatusEntry(
                    name: ["a", "true", "1e3", "-x", "x.y", "Z_9", "off"].randomElement(using: &random)! + "\(index)",
                    state: ["active", "limited", "expired", "disabled", "on_hold"].randomElement(using: &random)!,
                    reason: Bool.random(using: &random) ? "why \"quoted\" \\ \n next" : nil,
                    used: UInt64.random(in: 0...UInt64.max, using: &random),
                    limit: Bool.random(using: &random) ? .unlimited : .bytes(UInt64.random(in: 0...(1 << 50), using: &random)),
                    expire: Bool.random(using: &random) ? Date(timeIntervalSince1970: Double(Int.random(in: 0...253_402_300_799, using: &random))) : nil,
                    connections: UInt64.random(in: 0...UInt64.max, using: &random))
            }
            let status = NodeStatus(node: "n1", heartbeat: Date(timeIntervalSince1970: 1_800_000_000), users: users)
            let zone = [TimeZone(identifier: "UTC")!, Self.moscow, TimeZone(identifier: "America/St_Johns")!].randomElement(using: &random)!
            #expect(try NodeStatus(reading: Array(status.yaml(timeZone: zone).utf8), file: "s.yaml") == status)
        }
    }

    @Test func usageIsBucketedSoTheFileChangesRarely() {
        #expect(UsageBucket.floor(53_901_897_728, limit: .bytes(50 << 30)) == 53_687_091_200 + 0)
        #expect(UsageBucket.floor(42_949_672_959, limit: .bytes(50 << 30)) == 42_412_802_048)
        #expect(UsageBucket.floor(1_288_490_189, limit: .unlimited) == 1_275_068_416)
        #expect(UsageBucket.floor(UInt64.max, limit: .unlimited) == UInt64.max - (UInt64(1) << 59) + 1)
        #expect(UsageBucket.floor(15, limit: .unlimited) == 15 && UsageBucket.floor(7, limit: .bytes(10)) == 7)
        let a = NodeStatus(node: "n", heartbeat: .init(timeIntervalSince1970: 0), users: [.init(name: "u", state: "active", used: 10_000_000_000, limit: .bytes(100 << 30))])
        let b = NodeStatus(node: "n", heartbeat: .init(timeIntervalSince1970: 0), users: [.init(name: "u", state: "active", used: 10_500_000_000, limit: .bytes(100 << 30))])
        #expect(a.yaml(timeZone: Self.moscow) == b.yaml(timeZone: Self.moscow))
    }

    @Test func damagedFilesAreRefusedWithAPosition() {
        let cases: [(String, String)] = [
            ("version: 2\nnode: a\nusers: {}\n", "only status version 1"),
            ("version: 1\nusers: {}\n", "`node` is missing"),
            ("version: 1\nnode: a\nheartbeat: yesterday\nusers: {}\n", "is not a time"),
            ("version: 1\nnode: a\nusers:\n  u: { state: active, limit: lots }\n", "u: limit `lots`"),
            ("version: 1\nnode: a\nusers: [1]\n", "expected a mapping"),
        ]
        for (text, message) in cases {
            #expect { try NodeStatus(reading: Array(text.utf8), file: "status/a.yaml") } throws: {
                ($0 as? StatusFileError)?.description.contains(message) == true
            }
        }
    }

    @Test func theSchemaNamesEveryFieldTheWriterUses() throws {
        let schema = NodeStatusSchema.jsonSchema()
        let object = try JSONSerialization.jsonObject(with: Data(schema.utf8)) as? [String: Any]
        #expect(object?["$id"] as? String == NodeStatusSchema.identifier)
        let text = Self.sample.yaml(timeZone: Self.moscow)
        for key in ["applied", "config_sha256", "attempted", "telemt", "reload", "heartbeat", "warnings", "state", "reason",
                    "period", "used_bytes", "limit", "expire", "first_seen", "connections"] {
            #expect(text.contains("\(key):") && schema.contains("\"\(key)\""), "\(key)")
        }
    }
}
