@testable import Daemon
import Foundation
import Logging
import Reconciler
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing
import TelemtRender
import TestSupport

/// The loop in process, on an injected clock: it ticks at start, again when the clock passes the
/// interval (not before), at once on a trigger, and ends on graceful shutdown.
struct ReconcileLoopTests {
    static func engine(_ directory: URL) throws -> ReconcileEngine {
        let spec = directory.appendingPathComponent("spec")
        try FileManager.default.createDirectory(at: spec, withIntermediateDirectories: true)
        try "version: 1\nproxy: { host: p.example.com }\nusers:\n  alice: {}\n".write(to: spec.appendingPathComponent("users.yaml"), atomically: true, encoding: .utf8)
        let template = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../examples/telemt.toml").standardized
        try FileManager.default.copyItem(at: template, to: directory.appendingPathComponent("config.toml"))
        let flags: [String: Setting] = [
            "spec": .text(spec.path, from: .flag("--spec")), "state_dir": .text(directory.appendingPathComponent("state").path, from: .flag("--state-dir")),
            "key": .text(directory.appendingPathComponent("master.key").path, from: .flag("--key")),
            "telemt.config": .text(directory.appendingPathComponent("config.toml").path, from: .flag("--telemt-config")),
            "interval": .text("30s", from: .flag("--interval")),
        ]
        let configuration = try ConfigurationFile.load(nil, environment: [:], flags: flags, home: directory.path, isRoot: false)
        try MasterKey.generate().write(to: directory.appendingPathComponent("master.key").path)
        return ReconcileEngine(configuration: configuration, telemt: nil)
    }

    func ticks(_ metrics: DaemonMetrics) -> Int {
        String(decoding: metrics.exposition(), as: UTF8.self).split(separator: "\n")
            .filter { $0.hasPrefix("telemt_gitops_ticks_total") }.compactMap { $0.split(separator: " ").last.flatMap { Int($0) } }.reduce(0, +)
    }

    func waitFor(_ condition: () -> Bool) async throws {
        for _ in 0..<500 where !condition() { try await Task.sleep(for: .milliseconds(10)) }
        #expect(condition())
    }

    @Test func itTicksOnTheInjectedClockAndOnTriggersAndStopsGracefully() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let engine = try Self.engine(directory)
        let clock = TestClock(), metrics = DaemonMetrics(), triggers = TriggerQueue(), status = DaemonStatus(readyWithin: 90)
        var loop = ReconcileLoop(engine: engine, triggers: triggers, status: status, metrics: metrics, outbox: nil, dispatcher: nil,
                                 ownCommits: OwnCommits(), logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() }, clock: clock,
                                 settings: .init(interval: .seconds(30)))
        loop.random = { 0.5 }
        let running = loop
        try await testGracefulShutdown { shutdown in
            try await withThrowingTaskGroup(of: Void.self) { group in
                // Triggers that came before the first wait join the start: one tick.
                triggers.fire(.webhook)
                triggers.fire(.signal)
                group.addTask { try await running.run() }
                try await waitFor { ticks(metrics) == 1 && clock.sleeping == 1 }
                try await Task.sleep(for: .milliseconds(100))
                #expect(ticks(metrics) == 1, "triggers that came together made one tick")
                #expect(status.readiness().ready)
                clock.advance(by: .seconds(29))
                try await Task.sleep(for: .milliseconds(100))
                #expect(ticks(metrics) == 1, "not before the interval")
                clock.advance(by: .seconds(1))
                try await waitFor { ticks(metrics) == 2 && clock.sleeping == 1 }
                triggers.fire(.webhook)
                try await waitFor { ticks(metrics) == 3 && clock.sleeping == 1 }
                try await Task.sleep(for: .milliseconds(100))
                #expect(ticks(metrics) == 3, "one trigger, one tick")
                shutdown.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
    }
}

/// The doorbell under races: rings are never lost to a cancelled waiter, and a waiter cancelled
/// before it registers does not keep the next ring.
struct DoorbellTests {
    @Test func ringsAreNeverLostAcrossCancelledWaits() async {
        let bell = Doorbell()
        let clock = ContinuousClock()
        for round in 0..<300 {
            // A wait that times out (its bell child is cancelled), racing a ring: the ring is either
            // reported by this wait or still pending for the next one, never swallowed.
            async let timedOut = bell.wait(upTo: .microseconds(Int64(round % 50)), clock: clock)
            bell.ring()
            let rang = await timedOut
            let next = await bell.wait(upTo: .milliseconds(rang ? 1 : 5_000), clock: clock)
            #expect(rang != next, "round \(round): the ring was \(rang && next ? "seen twice" : "lost")")
        }
    }
}
