import Foundation
import Spec
import StatsSink
import TelemtRender
import Testing
import TestSupport
@testable import Reconciler

/// Three (then four) daemons' ticks as the nodes of one fleet: one git remote, a telemt stand-in
/// each, heartbeats in the committed status files, one injected clock.
@Suite(.serialized)
struct FleetEngineTests {
    static let start = StatusText.parseInstant("2026-12-04T10:00:00Z")!
    static let names = (0..<60).map { String(format: "user%02d", $0) }

    static func spec(nodes: [String]) -> String {
        "version: 1\nproxy: { host: proxy.example.com, tls_domain: www.example.com }\nnodes:\n"
            + nodes.map { "  \($0): { host: \($0).example.com }\n" }.joined()
            + "defaults: { replicas: 1 }\nusers:\n" + names.map { "  \($0): {}\n" }.joined()
    }

    /// Each user's node, from the nodes' config files (of `nodes`, else all); every user must be on exactly one.
    static func owners(_ fleet: FleetHarness, nodes: Set<String>? = nil) throws -> [String: String] {
        var owners: [String: String] = [:]
        for (node, users) in try fleet.placement() where nodes?.contains(node) ?? true {
            for user in users {
                #expect(owners[user] == nil, "\(user) is on \(owners[user] ?? "") and \(node)")
                owners[user] = node
            }
        }
        return owners
    }

    /// Where the reference placer puts every user over `nodes`.
    static func reference(_ nodes: [String]) -> [String: String] {
        let placement = ReferencePlacer(nodes: nodes.map { PlacementNode(name: $0) })
            .place(names.map { PlacementUser(name: $0, request: .spread(1)) })
        return Dictionary(uniqueKeysWithValues: names.indices.map { (names[$0], placement.nodeNames(ofUserAt: $0)[0]) })
    }

    /// Three nodes that have seen each other's heartbeats; `store` is the fleet store of every node (with `settings` naming it), if any.
    static func threeNodes(store: (any StatsStore)? = nil, settings: [String: String] = [:]) async throws -> FleetHarness {
        let fleet = try FleetHarness(users: spec(nodes: ["eu-1", "eu-2", "eu-3"]), start: start)
        for name in ["eu-1", "eu-2", "eu-3"] { try fleet.add(name, extra: settings, store: store) }
        // The first round commits every node's first heartbeat; from the second, every node sees all three.
        for _ in 0..<2 {
            let reports = await fleet.tick()
            for (node, report) in reports { #expect(report.outcome != .failed(EngineError(.abandoned, "")), "\(node): \(report.outcome)") }
            fleet.advance(30)
        }
        return fleet
    }

    @Test func placementIsTheSameOnEveryNodeAndMatchesTheReference() async throws {
        let fleet = try await Self.threeNodes()
        let owners = try Self.owners(fleet)
        #expect(owners.count == Self.names.count, "every user is served")
        #expect(owners == Self.reference(["eu-1", "eu-2", "eu-3"]))
        let status = try Shell.run(["git", "--git-dir", fleet.repo.remote.path, "show", "\(fleet.repo.branch):status/eu-2.yaml"])
        let listed = Self.names.filter { status.contains("\n  \($0):\n") }
        #expect(listed == Self.names.filter { owners[$0] == "eu-2" }, "the status file lists the node's users only")
    }

    @Test func aFourthNodeTakesAboutAQuarterOfTheUsersAndOnlyItMoves() async throws {
        let fleet = try await Self.threeNodes()
        let before = try Self.owners(fleet)
        try fleet.push(["users.yaml": Self.spec(nodes: ["eu-1", "eu-2", "eu-3", "eu-4"])], message: "add eu-4")
        try fleet.add("eu-4")
        var reports: [String: TickReport] = [:]
        for _ in 0..<2 {
            reports.merge(await fleet.tick(), uniquingKeysWith: { _, new in new })
            fleet.advance(30)
        }
        _ = await fleet.tick(["eu-1", "eu-2", "eu-3"])
        let after = try Self.owners(fleet)
        #expect(after == Self.reference(["eu-1", "eu-2", "eu-3", "eu-4"]))
        let moved = Self.names.filter { before[$0] != after[$0] }
        #expect(moved.allSatisfy { after[$0] == "eu-4" }, "users move only to the new node")
        #expect((8...24).contains(moved.count), "about a quarter of 60 users move: \(moved.count)")
    }

    @Test func aSilentNodesUsersMoveAndComeBackOnce() async throws {
        try await Self.silentNode(try await Self.threeNodes())
    }

    /// eu-3 stops for 8 minutes while the others tick every minute, then ticks again with them.
    static func silentNode(_ fleet: FleetHarness) async throws {
        let initial = try Self.owners(fleet)
        let onThree = Self.names.filter { initial[$0] == "eu-3" }
        #expect(!onThree.isEmpty)
        var lines: [String] = []
        // eu-3 stops; the others tick every 60 s. down_after is 5 minutes.
        var movedAt: Int?
        for minute in 1...8 {
            fleet.advance(60)
            let reports = await fleet.tick(["eu-1", "eu-2"])
            lines += reports.values.flatMap { $0.plan?.fleet ?? [] }
            let served = Set(try fleet.nodes["eu-1"]!.users() + fleet.nodes["eu-2"]!.users())
            if movedAt == nil, onThree.allSatisfy(served.contains) { movedAt = minute }
        }
        let when = try #require(movedAt, "eu-3's users moved to eu-1 and eu-2")
        #expect(when >= 4 && when <= 7, "moved once eu-3's heartbeat was 5 minutes old: minute \(when)")
        #expect(lines.contains { $0.contains(" eu-3 → ") && $0.contains("(eu-3 down since ") }, "\(lines)")
        // eu-3 comes back; its users return after 10 fresh minutes (up_after), once.
        var changes = 0
        // eu-3 was stopped: its config still lists its old users until its first tick.
        var last = try Self.owners(fleet, nodes: ["eu-1", "eu-2"])
        for _ in 1...16 {
            fleet.advance(60)
            _ = await fleet.tick()
            let now = try Self.owners(fleet)
            if now != last { changes += 1 }
            last = now
        }
        #expect(last == initial, "everyone is back where they were")
        #expect(changes == 1, "users came back once, not back and forth: \(changes) changes")
    }

    @Test func withoutAStoreAUserIsLimitedOnBothNodesWhenTheirStatusFilesSumPastTheLimit() async throws {
        let users = "version: 1\nproxy: { host: proxy.example.com, tls_domain: www.example.com }\ntimezone: Europe/Moscow\nnodes:\n"
            + "  eu-1: { host: eu-1.example.com }\n  eu-2: { host: eu-2.example.com }\n"
            + "users:\n  alice: { data_limit: 1 GiB, reset: monthly }\n  bob: {}\n"
        let fleet = try FleetHarness(users: users, start: Self.start)
        for name in ["eu-1", "eu-2"] { try fleet.add(name) }
        for _ in 0..<2 { _ = await fleet.tick(); fleet.advance(30) }
        for name in ["eu-1", "eu-2"] {
            let telemt = fleet.nodes[name]!.telemt
            try telemt.connect("alice")
            try telemt.traffic("alice", from: 300 << 20, to: 300 << 20)
        }
        let enabled = { (node: String, user: String) throws -> Bool? in
            let text = try String(contentsOf: fleet.nodes[node]!.telemt.configURL, encoding: .utf8)
            return try ManagedTables.read(from: text).first { $0.name == user }?.enabled
        }
        let first = await fleet.tick(["eu-1"])
        #expect(try enabled("eu-1", "alice") == true, "600 MiB on eu-1 alone: \(first["eu-1"]?.notes ?? [])")
        _ = await fleet.tick(["eu-2"])
        #expect(try enabled("eu-2", "alice") == false, "eu-2 adds eu-1's 600 MiB (its status file) to its own")
        _ = await fleet.tick(["eu-1"])
        #expect(try enabled("eu-1", "alice") == false, "and eu-1 adds eu-2's")
        #expect(try enabled("eu-1", "bob") == true && enabled("eu-2", "bob") == true)
        let status = try Shell.run(["git", "--git-dir", fleet.repo.remote.path, "show", "\(fleet.repo.branch):status/eu-2.yaml"])
        let used = try #require(status.components(separatedBy: "  alice:\n").last?.components(separatedBy: "used_bytes: ").dropFirst().first?.prefix { $0.isNumber })
        #expect(UInt64(used).map { $0 <= 600 << 20 && $0 >= 590 << 20 } == true, "the status shows eu-2's own part, not the sum: \(used)")
    }
}
