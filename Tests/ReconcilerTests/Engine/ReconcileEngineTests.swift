import Foundation
import Spec
import Testing
import TelemtRender
import TestSupport
@testable import Reconciler

/// One tick end to end: a git remote, the telemt stand-in, the SQLite store and an injected clock.
@Suite(.serialized)
struct ReconcileEngineTests {
    static let users = """
        version: 1
        proxy: { host: proxy.example.com, tls_domain: www.example.com }
        timezone: Europe/Moscow
        defaults: { reset: monthly }
        users:
          alice: { data_limit: 1 GiB }
          bob: {}
          carol: { on_hold: 30d }

        """
    static let start = StatusText.parseInstant("2026-11-20T12:00:00Z")!

    func enabled(_ harness: EngineHarness, _ user: String) throws -> Bool? {
        try ManagedTables.read(from: harness.configText).first { $0.name == user }?.enabled
    }

    @Test func aLimitCutsTheUserOffAndThePeriodEndRestoresIt() async throws {
        let host = try EngineHarness(users: Self.users, start: Self.start)
        let engine = try host.engine()
        let first = await engine.tick()
        #expect(first.outcome == .applied && first.reload == .confirmed, "\(first.outcome) \(first.notes)")
        let created = "created state directory \(host.scratch.path("state").path) ("
        #expect(first.notes.contains { $0.hasPrefix(created) }, "the first tick says where the state lives: \(first.notes)")
        #expect(try ManagedTables.read(from: host.configText).map(\.name) == ["alice", "bob", "carol"])
        #expect(try host.committedStatus().contains("  alice:\n    state: active\n"))

        try host.telemt.connect("alice")
        try host.telemt.traffic("alice", from: 1 << 30, to: 1 << 20)
        let limited = await engine.tick()
        #expect(limited.outcome == .applied && limited.reload == .confirmed)
        #expect(!limited.notes.contains { $0.hasPrefix(created) }, "said once")
        #expect(try enabled(host, "alice") == false && enabled(host, "bob") == true)
        #expect(limited.events.contains(.transition(user: "alice", from: .active, to: .limited, reason: "used 1.0 GiB of 1 GiB in 2026-11 (Europe/Moscow)")))
        let counters = try host.telemt.state()["connections"] as? [[String: Any]]
        #expect(counters?.contains { $0["user"] as? String == "alice" } == false, "telemt dropped alice's connections")
        #expect(try host.committedStatus().contains("  alice:\n    state: limited\n"))
        #expect(limited.nextChange == StatusText.parseInstant("2026-11-30T21:00:00Z"))

        host.clock.set(StatusText.parseInstant("2026-11-30T21:00:00Z")!)
        let restored = await engine.tick()
        let aliceBack = try enabled(host, "alice")
        #expect(restored.outcome == .applied && aliceBack == true)
        #expect(restored.plan?.changes.map(\.line) == ["! alice becomes active"])
    }

    @Test func onHoldStartsItsClockAtTheFirstConnection() async throws {
        let host = try EngineHarness(users: Self.users, start: Self.start)
        let engine = try host.engine()
        _ = await engine.tick()
        #expect(try host.committedStatus().contains("  carol:\n    state: on_hold\n"))
        try host.telemt.connect("carol")
        try host.telemt.traffic("carol", from: 100, to: 100)
        let connected = await engine.tick()
        let status = try host.committedStatus()
        #expect(status.contains("  carol:\n    state: active\n"), "\(status)")
        #expect(status.contains("    expire: 2026-12-20T12:00:00Z\n"))
        host.clock.set(StatusText.parseInstant("2026-12-20T12:00:00Z")!)
        let expired = await engine.tick()
        #expect(connected.outcome == .unchanged || connected.outcome == .applied)
        let carolEnabled = try enabled(host, "carol")
        #expect(expired.outcome == .applied && carolEnabled == false)
        #expect(expired.plan?.changes.first?.line == "! carol expired 2026-12-20 15:00:00 +03:00")
    }

    @Test func aBrokenCommitAMassRemovalAndAHandEditAreHandled() async throws {
        let host = try EngineHarness(users: Self.users, start: Self.start)
        let engine = try host.engine()
        _ = await engine.tick()
        let good = host.configText
        try host.push(["users.yaml": Self.users.replacingOccurrences(of: "1 GiB", with: "lots")])
        let broken = await engine.tick()
        guard case .failed(let error) = broken.outcome else { Issue.record("\(broken.outcome)"); return }
        #expect(error.code == .invalidRevision && error.description.contains("users.yaml:6:24: error: `data_limit`"), "\(error)")
        #expect(host.configText == good)
        #expect(try host.committedStatus().contains("attempted:\n  revision: \(try host.repo.git("rev-parse", "HEAD").prefix(40))"))

        try host.push(["users.yaml": Self.users.replacingOccurrences(of: "  bob: {}\n  carol: { on_hold: 30d }\n", with: "")])
        let removal = await engine.tick()
        guard case .failed(let refused) = removal.outcome else { Issue.record("\(removal.outcome)"); return }
        #expect(refused.code == .massRemoval && refused.description.contains("removes 2 of 3 users (67 %)"))
        var allowed = engine
        allowed.allowMassRemoval = true
        #expect(await allowed.tick().outcome == .applied)

        let secret = try #require(try ManagedTables.read(from: host.configText).first?.secret)
        try host.telemt.writeConfig(host.configText.replacingOccurrences(of: secret, with: String(repeating: "ab", count: 16)))
        let healed = await engine.tick()
        #expect(healed.drift?.users == ["alice: users"] && healed.outcome == .applied, "\(String(describing: healed.drift)) \(healed.outcome)")
        #expect(try ManagedTables.read(from: host.configText).first?.secret == secret)
        #expect(healed.drift.map { $0.summary.contains(secret) || $0.summary.contains("abab") } == false)
    }

    @Test func noSecretReachesTheStatusThePlanOrAnError() async throws {
        let host = try EngineHarness(users: Self.users, start: Self.start)
        let engine = try host.engine()
        var texts: [String] = []
        let first = await engine.tick()
        try host.push(["users.yaml": Self.users.replacingOccurrences(of: "bob: {}", with: "bob: { rotate: 1 }")])
        let plan = await engine.plan()
        let rotated = await engine.tick()
        try host.push(["users.yaml": Self.users + "  dave: { secret: 0123456789abcdef0123456789abcdef, data_limit: lots }\n"])
        let failed = await engine.tick()
        for report in [first, plan, rotated, failed] {
            texts += report.notes + [report.plan?.text(), report.plan?.markdown(), report.plan?.json()].compactMap { $0 }
            if case .failed(let error) = report.outcome { texts.append(error.description) }
        }
        texts.append(try host.committedStatus())
        let stateFiles = try FileManager.default.subpathsOfDirectory(atPath: host.scratch.path("state").path)
            .filter { ["applied.tsv", "status/eu-1.yaml"].contains($0) }
        #expect(stateFiles.count == 2, "the state files checked for secrets exist")
        texts += try stateFiles.map { try String(contentsOfFile: host.scratch.path("state/\($0)").path, encoding: .utf8) }
        #expect(plan.plan?.changes.map(\.line).contains("↻ bob secret rotated: the old link stops working") == true)
        let secrets = try ManagedTables.read(from: host.configText).map(\.secret) + ["0123456789abcdef0123456789abcdef"]
        #expect(secrets.count == 4 && texts.count > 8)
        for secret in secrets { #expect(!texts.contains { $0.contains(secret) }, "a secret leaked") }
    }
}
