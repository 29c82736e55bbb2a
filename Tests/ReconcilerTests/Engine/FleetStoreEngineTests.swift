import Daemon
import Foundation
import Logging
import Spec
import StatsSink
import Testing
import TelemtRender
import TestSupport
@testable import Reconciler

/// Two engines as two nodes of a fleet (`--node a`, `--node b`), each with its own telemt stand-in,
/// repository and state directory, recording into one real PostgreSQL server (``PostgresServer``);
/// the users of ``ReconcileEngineTests`` (alice has 1 GiB a month).
@Suite(.serialized)
struct FleetStoreEngineTests {
    static let mebibyte: UInt64 = 1 << 20

    /// One node: its host, its engine and its client of the shared store.
    final class Node {
        let host: EngineHarness
        let fleet: FleetStoreClient
        var engine: ReconcileEngine
        let name: String
        let settings: [String: String]
        private let client: Task<Void, Never>

        init(_ name: String, server: PostgresServer, url: String? = nil, passwordFile: URL? = nil) throws {
            self.name = name
            host = try EngineHarness(users: ReconcileEngineTests.users, start: ReconcileEngineTests.start)
            settings = ["node": name, "store": url ?? server.url(sslmode: "disable"), "store_password_file": (passwordFile ?? server.passwordFile).path]
            engine = try host.engine(settings)
            let settings = try #require(engine.configuration.fleetStore)
            fleet = try FleetStoreClient(settings, environment: [:], logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
            engine.fleetStore = fleet.store
            engine.fleetStoreTimeout = .seconds(15)
            let fleet = fleet
            client = Task { try? await fleet.run() }
        }

        deinit { client.cancel() }

        /// Waits (up to a minute) until the store answers: its client runs on a task that a machine busy
        /// with the whole test suite may start late, and a first tick would then count it unreachable.
        func waitForStore() async {
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                // Each try has its own deadline: a call waiting for a connection has no timer of its own.
                do {
                    let (store, name) = (fleet.store, name)
                    _ = try await FleetCall.run(timeout: .seconds(5)) { try await store.lastScrape(node: name) }
                    return
                } catch {
                    try? await Task.sleep(for: .milliseconds(200))
                }
            }
        }

        /// The node's daemon started again: a new engine on the same state directory and store.
        func restart() throws {
            engine = try host.engine(settings)
            engine.fleetStore = fleet.store
            engine.fleetStoreTimeout = .seconds(15)
        }

        func enabled(_ user: String) throws -> Bool? {
            try ManagedTables.read(from: host.configText).first { $0.name == user }?.enabled
        }

        var status: String {
            (try? String(contentsOf: host.scratch.path("state/status/\(name).yaml"), encoding: .utf8)) ?? ""
        }

        /// The local ledger of this node (its SQLite store).
        func local() throws -> SQLiteStatsStore {
            try SQLiteStatsStore(path: host.scratch.path("state/stats.sqlite").path)
        }

        func traffic(_ user: String, mebibytes: UInt64) throws {
            try host.telemt.traffic(user, from: mebibytes * FleetStoreEngineTests.mebibyte / 2, to: mebibytes * FleetStoreEngineTests.mebibyte / 2)
        }

        /// Moves the engine's clock and telemt's uptime forward together.
        func advance(seconds: Double) throws {
            host.clock.set(host.clock.current.addingTimeInterval(seconds))
            try host.telemt.advance(seconds: seconds)
        }
    }

    @Test func aUserIsLimitedOnEveryNodeWhenTheSumOfTheNodesPassesTheLimit() async throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let a = try Node("a", server: server), b = try Node("b", server: server)
        for node in [a, b] {
            await node.waitForStore()
            var first = await node.engine.tick()
            #expect(first.outcome == .applied, "\(first.outcome) \(first.notes)")
            // On a cold, busy machine the client's first connection can outlast a tick; the next one finds it.
            for _ in 0..<5 where !first.unreachable.isEmpty { first = await node.engine.tick() }
            #expect(first.unreachable.isEmpty, "\(first.outcome) \(first.notes)")
            try node.host.telemt.connect("alice")
        }
        try a.traffic("alice", mebibytes: 600)
        _ = await a.engine.tick()
        #expect(try a.enabled("alice") == true, "600 MiB of 1 GiB on a alone")
        try b.traffic("alice", mebibytes: 600)
        let onB = await b.engine.tick()
        #expect(onB.unreachable.isEmpty && onB.notes.allSatisfy { !$0.contains("fleet store") }, "\(onB.notes)")
        #expect(try b.enabled("alice") == false, "b adds a's 600 MiB to its own 600 MiB")
        #expect(b.status.contains("  alice:\n    state: limited\n"), "\(b.status)")
        _ = await a.engine.tick()
        #expect(try a.enabled("alice") == false && a.enabled("bob") == true, "a adds b's 600 MiB to its own")
        let usage = try await a.fleet.store.usage(in: nil, filter: .all)
        #expect(usage.first { $0.user == "alice" }?.total == 1_200 * Self.mebibyte, "the shared store sums both nodes")

        // Nothing new anywhere: the tick keeps its evaluations; traffic on b alone makes a judge again.
        _ = await a.engine.tick()
        #expect(Self.usedMemo(await a.engine.tick()))
        try b.traffic("bob", mebibytes: 1)
        _ = await b.engine.tick()
        #expect(!Self.usedMemo(await a.engine.tick()), "another node's traffic ends the memo")
    }

    static func usedMemo(_ report: TickReport) -> Bool { report.steps.contains { $0.name == "memo" } }

    @Test func anOutageSpoolsTheScrapesKeepsEnforcingAndIsReplayedExactly() async throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let a = try Node("a", server: server), b = try Node("b", server: server)
        for node in [a, b] { _ = await node.engine.tick() }
        try b.traffic("alice", mebibytes: 700)
        _ = await b.engine.tick()
        _ = await a.engine.tick()
        let asOf = a.host.clock.current

        try server.pause()
        try a.traffic("alice", mebibytes: 100)
        let down = await a.engine.tick()
        #expect((down.outcome == .unchanged || down.outcome == .applied) && down.unreachable == ["fleet store"], "\(down.outcome) \(down.unreachable)")
        #expect(down.notes.contains { $0.hasPrefix("fleet store unreachable since ") && $0.contains("postgres://telemt@127.0.0.1") }, "\(down.notes)")
        let summary = try #require(a.engine.fleetStoreHealth?.summary)
        #expect(summary == "fleet store unreachable since \(StatusText.instant(asOf)); quotas use other nodes' usage as of \(StatusText.instant(asOf)); 1 scrape spooled for it")
        #expect(a.status.contains(summary), "\(a.status)")
        #expect(try a.enabled("alice") == true, "800 MiB with b's 700 MiB as last read")
        let plan = await a.engine.plan()
        #expect(plan.unreachable == ["fleet store"] && plan.notes.contains { $0.hasPrefix(summary) }, "a plan says so too: \(plan.notes)")
        #expect(a.engine.fleetStoreHealth?.spooled == 1, "a plan spools nothing")

        // The same quarter hour replaces the spooled scrape; the next quarter hour adds one.
        try a.traffic("alice", mebibytes: 100)
        _ = await a.engine.tick()
        #expect(a.engine.fleetStoreHealth?.spooled == 1)
        try a.advance(seconds: 900)
        try a.traffic("alice", mebibytes: 400)
        let limited = await a.engine.tick()
        #expect(a.engine.fleetStoreHealth?.spooled == 2 && limited.outcome == .applied)
        #expect(try a.enabled("alice") == false, "600 MiB of a and 700 MiB of b as last read pass 1 GiB while the store is away")
        try a.restart()
        let again = await a.engine.tick()
        #expect(again.unreachable == ["fleet store"] && a.engine.fleetStoreHealth?.othersAsOf == asOf, "the file kept what was read")
        #expect(try a.enabled("alice") == false && a.engine.fleetStoreHealth?.spooled == 2)

        // telemt restarts during the outage: the last scrape of the old process stays, the new one adds its own.
        try a.traffic("bob", mebibytes: 5)
        _ = await a.engine.tick()
        try a.host.telemt.control("/restart")
        try a.advance(seconds: 1)
        try a.traffic("bob", mebibytes: 3)
        _ = await a.engine.tick()
        #expect(a.engine.fleetStoreHealth?.spooled == 3)
        let spool = try FileManager.default.contentsOfDirectory(atPath: a.host.scratch.path("state/fleet-spool").path)
        for name in spool {
            let mode = try FileManager.default.attributesOfItem(atPath: a.host.scratch.path("state/fleet-spool/\(name)").path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(name)")
        }

        try server.resume()
        var back = await a.engine.tick()
        for _ in 0..<60 where !back.unreachable.isEmpty {
            try await Task.sleep(for: .seconds(1))
            back = await a.engine.tick()
        }
        #expect(back.unreachable.isEmpty && back.notes.contains { $0.contains("answers again: 3 spooled scrapes recorded") }, "\(back.notes)")
        #expect(a.engine.fleetStoreHealth?.summary == nil && a.engine.fleetStoreHealth?.spooled == 0)
        #expect(!a.status.contains("fleet store unreachable"))
        try await expectSameLedger(a)
    }

    @Test func theServerIsReachedOverVerifiedTLS() async throws {
        let server = try PostgresServer(tls: true)
        defer { server.stop() }
        let a = try Node("a", server: server, url: server.url(sslmode: "verify-full") + "&sslrootcert=" + server.certificate.path)
        _ = await a.engine.tick()
        try a.host.telemt.connect("alice")
        try a.traffic("alice", mebibytes: 3)
        let tick = await a.engine.tick()
        #expect(tick.unreachable.isEmpty, "\(tick.notes)")
        let usage = try await a.fleet.store.usage(in: nil, filter: .all)
        #expect(usage.first { $0.user == "alice" }?.total == 3 * Self.mebibyte, "the server accepts TLS connections only")
    }

    @Test func aRefusedLoginIsAnOutageThatNamesTheServersReasonNotThePassword() async throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let wrong = server.directory.appendingPathComponent("wrong-password")
        try Data("not-the-password-0451\n".utf8).write(to: wrong)
        let a = try Node("a", server: server, passwordFile: wrong)
        let tick = await a.engine.tick()
        #expect(tick.outcome == .applied && tick.unreachable == ["fleet store"], "\(tick.outcome)")
        let note = tick.notes.first { $0.hasPrefix("fleet store unreachable since ") } ?? ""
        #expect(note.contains("28P01") && !note.contains("not-the-password-0451") && !note.contains(server.password), "\(note)")
        #expect(a.engine.fleetStoreHealth?.spooled == 1 && !a.status.contains("0451"))
    }

    /// The shared store holds exactly the node's local ledger: lifetime totals and every quarter hour.
    func expectSameLedger(_ node: Node) async throws {
        let local = try node.local()
        let mine = UsageFilter(node: node.name)
        let lifetime = try await node.fleet.store.usage(in: nil, filter: mine)
        #expect(lifetime == (try await local.usage(in: nil, filter: mine)) && lifetime.count == 2, "\(lifetime)")
        let quarters = (0..<12).map { ReconcileEngineTests.start.addingTimeInterval(Double($0 * 900 - 3_600)) }
        let shared = try await node.fleet.store.usage(between: quarters, filter: mine)
        #expect(shared == (try await local.usage(between: quarters, filter: mine)))
        #expect(shared.filter { !$0.isEmpty }.count >= 2, "traffic in two quarter hours: \(shared)")
    }
}
