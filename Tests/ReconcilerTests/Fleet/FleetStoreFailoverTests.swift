import Daemon
import Foundation
import Logging
import StatsSink
import Testing
import TestSupport
@testable import Reconciler

/// The fleet of FleetEngineTests with a shared PostgreSQL store: heartbeats are the nodes' last
/// scrapes recorded there, not their status files.
@Suite(.serialized)
struct FleetStoreFailoverTests {
    @Test func aSilentNodesUsersMoveAndComeBackOnceByTheStoresHeartbeats() async throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let scratch = try TemporaryDirectory("fleet-store")
        let flags: [String: Setting] = [
            "store": .text(server.url(sslmode: "disable"), from: .flag("--store")),
            "store_password_file": .text(server.passwordFile.path, from: .flag("--store-password-file")),
            "state_dir": .text(scratch.path("state").path, from: .flag("--state-dir")),
            "spec": .text(scratch.path("spec").path, from: .flag("--spec")),
        ]
        let configuration = try EngineConfiguration.resolve(try ConfigurationLayers(file: nil, environment: [:], flags: flags),
                                                            home: scratch.url.path, isRoot: false)
        let settings = try #require(configuration.fleetStore)
        let client = try FleetStoreClient(settings, environment: [:], logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let running = Task { try? await client.run() }
        defer { running.cancel() }
        let counting = PruneCountingStore(client.store)
        let fleet = try await FleetEngineTests.threeNodes(store: counting, settings: [
            "store": server.url(sslmode: "disable"), "store_password_file": server.passwordFile.path,
        ])
        let beats = try await client.store.heartbeats()
        #expect(Set(beats.map(\.node)) == ["eu-1", "eu-2", "eu-3"], "every node's scrapes reach the store")
        #expect(counting.prunes == 3, "each host pruned the shared store once in its first hour")
        try await FleetEngineTests.silentNode(fleet)
        // The silent-node scenario runs 24 minutes past the first hour's start: each host once more at most.
        #expect(counting.prunes == 3, "no host prunes twice within an hour")
        fleet.advance(3_600)
        _ = await fleet.tick()
        #expect(counting.prunes == 6, "an hour later each host prunes again")
    }
}
