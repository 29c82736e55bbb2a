import Foundation
import PostgresNIO
import StatsSink
import TestSupport
import Testing
@testable import StatsSinkPostgres

/// The usage version and pending deltas on a real server, as SQLite answers them, and a version
/// that moves even when scrape ids commit out of order.
struct PostgresVersionTests {
    @Test func versionMovesWithUsageAndPendingDeltasRecordNothing() async throws {
        try await PostgresTesting.withStore(try PostgresServer()) { try await UsageVersionScenario.run($0) }
    }

    /// One node's scrape takes its id (and writes its rows, uncommitted), another node records (a
    /// higher id) and the version is read; then the first commits: the newest raw row's scrape id stays the same, but the version moves.
    @Test func aScrapeCommittingAfterANewerIdStillChangesTheVersion() async throws {
        try await PostgresTesting.withStore(try PostgresServer()) { store in
            let (allocated, allocatedSignal) = AsyncStream<Void>.makeStream()
            let (proceed, proceedSignal) = AsyncStream<Void>.makeStream()
            let late = UsageVersionScenario.snapshot(at: 0, ["alice": 10])
            async let slow: Void = store.client.withTransaction(logger: PostgresTesting.logger) { connection in
                _ = try await store.lockNodeState(connection, node: "eu-1")
                let deltas = [TrafficDelta(user: "alice", fromClient: 10, toClient: 10)]
                let id = try await store.writeScrape(connection, late, node: "eu-1", kind: .first, deltas: deltas, firstSeen: ["alice"])
                allocatedSignal.yield()
                for await _ in proceed { break }
                try await store.saveNodeState(connection, node: "eu-1", identity: ScrapeIdentity(late), baselines: [], trafficScrape: id)
            }
            for await _ in allocated { break }
            _ = try await store.record(UsageVersionScenario.snapshot(at: 5, ["bob": 1]), node: "us-1")
            let before = try await store.usageVersion(node: "us-1")
            let newestBefore = try await store.count("SELECT MAX(scrape_id) FROM traffic_raw")
            proceedSignal.yield()
            try await slow
            #expect(try await store.count("SELECT MAX(scrape_id) FROM traffic_raw") == newestBefore)
            #expect(try await store.usageVersion(node: "us-1") != before)
            #expect(try await store.lifetimeUsage().map(\.total) == [20, 2])
        }
    }

    /// The SQLite store's test: a fold that changes an answer (a period starting at a half hour)
    /// changes the version.
    @Test func aQuarterFoldThatChangesAnAnswerChangesTheVersion() async throws {
        try await PostgresTesting.withStore(try PostgresServer()) { try await UsageVersionScenario.foldAtAHalfHour($0) }
    }
}
