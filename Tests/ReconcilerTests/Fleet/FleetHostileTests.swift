import Foundation
import Spec
import TelemtRender
import Testing
import TestSupport
@testable import Reconciler

/// A fleet's hosts against what a hostile or broken environment gives them: clocks far ahead, status
/// files nobody's node writes, long errors, restarts, a revision every node refuses.
@Suite(.serialized)
struct FleetHostileTests {
    static let start = FleetEngineTests.start

    @Test func aRecordKeepsItsDatesThroughItsFile() throws {
        var availability = NodeAvailability(downAfter: 300, upAfter: 600)
        _ = availability.observe(heartbeats: ["eu-1": Self.start, "eu-2": Self.start.addingTimeInterval(-900)], nodes: ["eu-1", "eu-2"], now: Self.start)
        let record = FleetRecord(availability: availability, observedAt: Self.start)
        let decoded = try #require(FleetRecord(json: record.json))
        #expect(decoded.observedAt == Self.start, "observedAt as written, not 31 years later")
        #expect(decoded == record)
    }

    @Test func aRestartedHostKeepsItsJudgementOfTheNodes() async throws {
        let fleet = try await FleetEngineTests.threeNodes()
        fleet.restart("eu-1")
        let report = try #require(await fleet.tick(["eu-1"])["eu-1"])
        #expect(!report.notes.contains { $0.contains("judges every node afresh") }, "\(report.notes)")
        #expect(report.outcome != .failed(EngineError(.abandoned, "")))
    }

    /// eu-3's clock a year ahead for one status commit (or a forged file): without the check, the other
    /// hosts keep that heartbeat as eu-3's newest for a year, and eu-3 never comes back.
    @Test func aHeartbeatFarAheadDoesNotLockItsNodeOut() async throws {
        let fleet = try await FleetEngineTests.threeNodes()
        let initial = try FleetEngineTests.owners(fleet)
        let forged = try fleet.committed("status/eu-3.yaml").split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("heartbeat: ") ? "heartbeat: 2027-12-04T10:00:00Z" : String($0) }.joined(separator: "\n")
        try fleet.push(["status/eu-3.yaml": forged], message: "a heartbeat a year ahead")
        var notes: [String] = []
        for _ in 1...3 {
            fleet.advance(60)
            notes += await fleet.tick(["eu-1", "eu-2"]).values.flatMap(\.notes)
        }
        #expect(notes.contains { $0.contains("node eu-3's heartbeat 2027-12-04T10:00:00Z is ahead of this host's clock") }, "\(notes)")
        #expect(!notes.contains { $0.contains("node eu-3 is down") }, "eu-3's last true heartbeat is still fresh: \(notes)")
        // eu-3 ticks again and commits true heartbeats: it keeps (or gets back) its users.
        for _ in 1...16 {
            fleet.advance(60)
            _ = await fleet.tick()
        }
        #expect(try FleetEngineTests.owners(fleet) == initial, "everyone is where they were")
    }

    @Test func aRevisionEveryNodeRefusesKeepsTheirHeartbeatsFresh() async throws {
        let fleet = try await FleetEngineTests.threeNodes()
        let initial = try FleetEngineTests.owners(fleet)
        let spec = FleetEngineTests.spec(nodes: ["eu-1", "eu-2", "eu-3"])
        try fleet.push(["users.yaml": spec + "  broken: { data_limit: lots }\n"], message: "a bad limit")
        var notes: [String] = []
        for _ in 1...8 {
            fleet.advance(60)
            notes += await fleet.tick().values.flatMap(\.notes)
        }
        let heartbeat = try #require(try fleet.committed("status/eu-2.yaml").split(separator: "\n").first { $0.hasPrefix("heartbeat: ") })
        let age = try fleet.clock.current.timeIntervalSince(#require(StatusText.parseInstant(String(heartbeat.dropFirst(11)))))
        #expect(age <= 160, "a failing node still commits its heartbeat every down_after / 3: \(age) s old")
        try fleet.push(["users.yaml": spec], message: "fixed")
        fleet.advance(60)
        notes += await fleet.tick().values.flatMap(\.notes)
        #expect(!notes.contains { $0.contains("is down since") }, "\(notes)")
        #expect(try FleetEngineTests.owners(fleet) == initial, "nobody moved")
    }

    @Test func statusFilesOfNodesOutsideTheFleetAreNotCounted() throws {
        let desired = try FleetTests.FleetViewTests.spec("nodes:\n  eu-1: { host: a.example.com }\n  eu-2: { host: b.example.com }\nusers:\n  alice: {}\n")
        let file = { (name: String) in
            let node = String(name.prefix { $0 != "." })
            let status = NodeStatus(node: node, heartbeat: Self.start, users: [UserStatusEntry(name: "alice", state: "active", used: 1 << 30)])
            return DesiredFile(path: "status/\(name)", bytes: Array(status.yaml(timeZone: .gmt).utf8))
        }
        // proxy-1: this host's name before it joined the fleet; its usage is in this host's own ledger.
        // eu-2.yml: a stray copy beside the eu-2.yaml that eu-2 writes.
        let files = ["eu-1.yaml", "eu-2.yaml", "eu-2.yml", "eu-3.yaml", "proxy-1.yaml"].map(file)
        let cache = FleetStatusCache()
        for _ in 0..<2 {
            let others = FleetUsage.others(files, node: "eu-1", fleet: Set(desired.nodes.map(\.name)), users: desired.users, now: Self.start,
                                           timeZone: .gmt, cache: cache)
            #expect(others == ["alice": 1 << 30], "eu-2's part, once")
        }
    }

    @Test func aHeartbeatAfterALongErrorIsStillFound() {
        let error = String(repeating: "users.yaml:12:3: error: `data_limit`: `lots` is not a size\\n", count: 2_000)
        let text = "version: 1\nnode: eu-1\nattempted:\n  revision: abc\n  error: \"\(error)\"\nheartbeat: 2026-12-04T10:00:00Z\nusers: {}\n"
        #expect(text.utf8.count > 100_000)
        #expect(FleetHeartbeats.heartbeat(in: Array(text.utf8)) == Self.start)
        #expect(FleetHeartbeats.heartbeat(in: Array("users:\n  a:\nheartbeat: 2026-12-04T10:00:00Z\n".utf8)) == nil, "never after users:")
    }

    @Test func heartbeatsFarAheadOfTheClockAreLeftOut() {
        let beats = ["eu-1": Self.start.addingTimeInterval(200), "eu-2": Self.start.addingTimeInterval(400), "eu-3": Self.start]
        let (kept, notes) = FleetHeartbeats.plausible(beats, now: Self.start, tolerance: 300)
        #expect(Set(kept.keys) == ["eu-1", "eu-3"], "a clock a little ahead is within tolerance")
        #expect(notes.count == 1 && notes[0].hasPrefix("node eu-2's heartbeat") && notes[0].contains("NTP"))
    }
}

extension FleetHostileTests {
    static func failed(_ report: TickReport?) -> Bool {
        if case .failed = report?.outcome { return true }
        return false
    }

    /// One host serving 60 users joins a fleet of three: its first fleet tick sends two thirds of them
    /// elsewhere, which is no mass removal, and its plan says where they go.
    @Test func nodesAddedToASpecWithoutThemMoveUsersWithoutTheRemovalGuard() async throws {
        let single = "version: 1\nproxy: { host: proxy.example.com, tls_domain: www.example.com }\nusers:\n"
            + FleetEngineTests.names.map { "  \($0): {}\n" }.joined()
        let fleet = try FleetHarness(users: single, start: Self.start)
        try fleet.add("eu-1")
        #expect(!Self.failed(await fleet.tick(["eu-1"])["eu-1"]))
        #expect(try fleet.nodes["eu-1"]!.users().count == 60)
        fleet.advance(30)
        try fleet.push(["users.yaml": FleetEngineTests.spec(nodes: ["eu-1", "eu-2", "eu-3"])], message: "a fleet")
        for name in ["eu-2", "eu-3"] { try fleet.add(name) }
        _ = await fleet.tick(["eu-2", "eu-3"])
        fleet.advance(30)
        let plan = try #require(await fleet.nodes["eu-1"]!.engine.plan().plan)
        let leaving = plan.fleet.filter { $0.hasSuffix("(placed on other nodes)") }
        #expect(leaving.count > 20 && leaving.allSatisfy { $0.contains(" eu-1 → eu-2 ") || $0.contains(" eu-1 → eu-3 ") }, "\(plan.fleet)")
        #expect(!plan.changes.contains { $0.kind == .remove }, "moves, not removals")
        let report = await fleet.tick(["eu-1"])["eu-1"]
        #expect(!Self.failed(report), "\(String(describing: report?.outcome))")
        #expect(try FleetEngineTests.owners(fleet, nodes: ["eu-1"]).keys.sorted() == FleetEngineTests.names.filter { FleetEngineTests.reference(["eu-1", "eu-2", "eu-3"])[$0] == "eu-1" })
    }

    /// `plan` judges the nodes like a tick but writes no fleet.json, whatever is there (nothing, or a damaged one).
    @Test func planWritesNoFleetRecord() async throws {
        let fleet = try await FleetEngineTests.threeNodes()
        let engine = fleet.nodes["eu-1"]!.engine
        let path = (engine.configuration.stateDirectory as NSString).appendingPathComponent(FleetRecord.fileName)
        for damaged in [nil, "{\"availability\": "] {
            try? FileManager.default.removeItem(atPath: path)
            if let damaged { try damaged.write(toFile: path, atomically: true, encoding: .utf8) }
            fleet.advance(30)
            let report = await engine.plan()
            #expect(!Self.failed(report), "\(String(describing: report.outcome))")
            #expect(FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } == damaged)
        }
        _ = await fleet.tick(["eu-1"])
        #expect(FileManager.default.contents(atPath: path).flatMap { FleetRecord(json: Array($0)) } != nil, "a tick writes it again")
    }
}

extension FleetHostileTests {
    /// A node with no user renders only the disabled stand-in (telemt refuses an empty user table), and
    /// loses it as soon as a user is placed on it.
    @Test func aNodeWithoutUsersServesOnlyTheDisabledStandIn() async throws {
        let spec = { (pin: String) in
            "version: 1\nproxy: { host: proxy.example.com, tls_domain: www.example.com }\nnodes:\n"
                + "  eu-1: { host: eu-1.example.com }\n  eu-2: { host: eu-2.example.com }\nusers:\n  alice: { nodes: [\(pin)] }\n"
        }
        let fleet = try FleetHarness(users: spec("eu-1"), start: Self.start)
        for name in ["eu-1", "eu-2"] { try fleet.add(name) }
        for _ in 0..<2 {
            for (node, report) in await fleet.tick() { #expect(!Self.failed(report), "\(node): \(report.outcome)") }
            fleet.advance(30)
        }
        let table = { (node: String) throws -> [TelemtUser] in
            try ManagedTables.read(from: String(contentsOf: fleet.nodes[node]!.telemt.configURL, encoding: .utf8))
        }
        #expect(try table("eu-2").map(\.name) == ["telemt-gitops-idle"] && table("eu-2").allSatisfy { !$0.enabled })
        #expect(try table("eu-1").map(\.name) == ["alice"])
        #expect(try fleet.committed("status/eu-2.yaml").contains("\nusers: {}\n"), "nobody is listed for the stand-in")
        try fleet.push(["users.yaml": spec("eu-2")], message: "alice to eu-2")
        _ = await fleet.tick()
        #expect(try table("eu-2").map(\.name) == ["alice"] && table("eu-1").map(\.name) == ["telemt-gitops-idle"])
    }
}
