import Foundation
import StatsSink
import TestSupport
import Testing
@testable import StatsSinkPostgres

/// Every recorded node with the time of its last recorded scrape, for fleet failover, from a real server.
struct PostgresHeartbeatsTests {
    @Test func listsEveryRecordedNodeWithItsLastScrapeAndRecorder() async throws {
        try await PostgresTesting.withStore(try PostgresServer()) { try await HeartbeatScenario.run($0) }
    }

    @Test func aFirstScrapeStillRecordingAndUnreadableBaselinesAreHandled() async throws {
        try await PostgresTesting.withStore(try PostgresServer()) { store in
            _ = try await store.record(HeartbeatScenario.snapshot(at: 5, bytes: 1), node: "eu-1", recorder: HeartbeatScenario.old, takeOver: false)
            // The empty row a first scrape creates and locks before it commits.
            try await store.client.query("INSERT INTO node_state (node) VALUES ('us-1')", logger: PostgresTesting.logger)
            try await store.client.query("UPDATE node_state SET baselines = '\\x0207'::bytea WHERE node = 'eu-1'", logger: PostgresTesting.logger)
            #expect(try await store.heartbeats() == [NodeHeartbeat(node: "eu-1", lastScrape: HeartbeatScenario.start.addingTimeInterval(5))])
        }
    }
}
