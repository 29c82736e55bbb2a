@testable import Daemon
import Foundation
import Logging
import Reconciler
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing
import TestSupport

/// A fleet store that does not answer: the daemon's ticks keep working (degraded, not failed) and
/// `/readyz` stays ready while saying so.
struct FleetStoreReadinessTests {
    @Test func readyzSaysTheFleetStoreIsUnreachableAndStaysReady() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fleet-ready-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var engine = try ReconcileLoopTests.engine(directory)
        let port = try LoopbackServer.freePort()
        let settings = FleetStoreSettings(url: "postgres://telemt@127.0.0.1:\(port)/telemt?sslmode=disable")
        engine.configuration.fleetStore = settings
        let logger = Logger(label: "t") { _ in SwiftLogNoOpLogHandler() }
        let fleet = try FleetStoreClient(settings, environment: [:], logger: logger)
        engine.fleetStore = fleet.store
        engine.fleetStoreTimeout = .milliseconds(300)
        let clock = TestClock(), metrics = DaemonMetrics(), status = DaemonStatus(readyWithin: 90)
        let loop = ReconcileLoop(engine: engine, triggers: TriggerQueue(), status: status, metrics: metrics, outbox: nil, dispatcher: nil,
                                 ownCommits: OwnCommits(), logger: logger, clock: clock, settings: .init(interval: .seconds(30)))
        try await testGracefulShutdown { shutdown in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await fleet.run() }
                group.addTask { try await loop.run() }
                for _ in 0..<500 where status.current.lastOutcome == nil { try await Task.sleep(for: .milliseconds(10)) }
                let (ready, reason) = status.readiness()
                #expect(ready && status.current.lastOutcome == "applied", "\(reason)")
                #expect(reason.contains("; fleet store unreachable since ") && reason.hasSuffix("other nodes' usage was never read: quotas count this node's traffic alone; 0 scrapes spooled for it"),
                        "\(reason)")
                #expect(!reason.contains("postgres://"), "readyz says the outage, the tick's note names the server")
                let exposition = String(decoding: metrics.exposition(), as: UTF8.self)
                #expect(exposition.contains("telemt_gitops_fleet_store_up 0") && exposition.contains("telemt_gitops_fleet_store_spooled_scrapes 0"),
                        "\(exposition)")
                shutdown.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
    }

    @Test func theOutageIsSaidAlsoWhenNotReady() {
        let status = DaemonStatus(readyWithin: 60, clock: { 1_000 })
        status.update { $0.lastSuccess = 100; $0.lastError = "x"; $0.fleetStore = "fleet store unreachable since 2026-12-02T10:00:00Z" }
        let (ready, reason) = status.readiness()
        #expect(!ready && reason == "the last good tick was 900 s ago (more than 60 s); last error: x; fleet store unreachable since 2026-12-02T10:00:00Z")
    }
}
