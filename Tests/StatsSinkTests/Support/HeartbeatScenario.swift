import Foundation
import Testing
@testable import StatsSink

/// The heartbeat behaviour every backend shares: which nodes are listed, which time and recorder
/// each has, and what does not move them (a duplicate, a refused scrape).
enum HeartbeatScenario {
    static let start = Date(timeIntervalSince1970: 1_772_323_200)  // 2026-03-01T00:00:00Z
    static let old = RecorderInstance(id: "0a1b", host: "old-host")
    /// A host name longer than the prefix a heartbeat reads first, so its whole header is read.
    static let longNamed = RecorderInstance(id: "2c3d", host: String(repeating: "h", count: BaselineCodec.headerPrefix + 500))

    static func snapshot(at offset: Double, bytes: UInt64) -> TelemtSnapshot {
        TelemtSnapshot(
            scrapedAt: start.addingTimeInterval(offset), uptime: 1_000 + offset,
            users: ["alice": UserCounters(octetsFromClient: bytes, octetsToClient: bytes)]
        )
    }

    static func run(_ store: some StatsStore) async throws {
        #expect(try await store.heartbeats().isEmpty)
        _ = try await store.record(snapshot(at: 0, bytes: 10), node: "us-1", recorder: old, takeOver: false)
        _ = try await store.record(snapshot(at: 30, bytes: 10), node: "eu-1")
        _ = try await store.record(snapshot(at: 90, bytes: 20), node: "eu-1", recorder: longNamed, takeOver: false)
        let expected = [
            NodeHeartbeat(node: "eu-1", lastScrape: start.addingTimeInterval(90), recorder: longNamed),
            NodeHeartbeat(node: "us-1", lastScrape: start, recorder: old),
        ]
        #expect(try await store.heartbeats() == expected)
        // A duplicate and a scrape refused to another installation leave the heartbeat alone.
        #expect(try await store.record(snapshot(at: 0, bytes: 10), node: "us-1", recorder: old, takeOver: false).kind == .duplicate)
        await #expect(throws: StatsStoreError.self) {
            try await store.record(snapshot(at: 600, bytes: 30), node: "us-1", recorder: longNamed, takeOver: false)
        }
        #expect(try await store.heartbeats() == expected)
        _ = try await store.record(snapshot(at: 700, bytes: 30), node: "us-1")
        let later = try await store.heartbeats()
        #expect(later.map(\.lastScrape) == [start.addingTimeInterval(90), start.addingTimeInterval(700)])
        #expect(later.last?.recorder == old, "a scrape without a recorder keeps the node's recorder")
    }
}
