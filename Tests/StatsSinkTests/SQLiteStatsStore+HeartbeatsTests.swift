import Foundation
import GRDB
import Testing
@testable import StatsSink

/// Every recorded node with the time of its last recorded scrape, for fleet failover.
struct SQLiteStatsStoreHeartbeatsTests {
    @Test func listsEveryRecordedNodeWithItsLastScrapeAndRecorder() async throws {
        try await HeartbeatScenario.run(try SQLiteStatsStore(inMemoryWith: TrafficLedger()))
    }

    @Test func unreadableBaselinesStillGiveTheNodesHeartbeat() async throws {
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        _ = try await store.record(HeartbeatScenario.snapshot(at: 5, bytes: 1), node: "eu-1", recorder: HeartbeatScenario.old, takeOver: false)
        try await store.writer.write { try $0.execute(sql: "UPDATE node_state SET baselines = x'0207'") }
        #expect(try await store.heartbeats() == [NodeHeartbeat(node: "eu-1", lastScrape: HeartbeatScenario.start.addingTimeInterval(5))])
    }
}
