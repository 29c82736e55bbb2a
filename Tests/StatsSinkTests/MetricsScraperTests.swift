import Foundation
import Testing
@testable import StatsSink

/// Scrapes a real HTTP server on loopback.
@Suite(.serialized) final class MetricsScraperTests {
    let server: MetricsTestServer

    init() throws {
        server = try MetricsTestServer()
    }

    deinit {
        server.stop()
    }

    func scraper(_ path: String, timeout: Double = 2) throws -> MetricsScraper {
        try MetricsScraper(url: server.url(path), timeout: timeout)
    }

    @Test func recordsChangingMetricsExactly() async throws {
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        try server.setMetrics(Fixtures.telemtMetrics(uptime: 100, users: [("alice", 10, 100), ("bob", 1, 2)]))
        #expect(try await store.record(try scraper("/metrics").scrape(), node: "n1").totalBytes == 113)
        try server.setMetrics(Fixtures.telemtMetrics(uptime: 160, users: [("alice", 25, 300), ("bob", 1, 2)]))
        let second = try await store.record(try scraper("/chunked").scrape(), node: "n1")
        #expect(second.deltas == [TrafficDelta(user: "alice", fromClient: 15, toClient: 200)])
        try server.setMetrics(Fixtures.telemtMetrics(uptime: 220, users: [("alice", 30, 300), ("bob", 5, 2)]))
        let third = try await store.record(try scraper("/until-close").scrape(), node: "n1")
        #expect(third.deltas.map(\.total) == [5, 4])
        #expect(try await store.lifetimeUsage().map(\.total) == [330, 7])
    }

    @Test func parsesTheTelemtSampleOverHTTP() async throws {
        try server.setMetrics(Fixtures.telemtMetricsSample())
        let snapshot = try scraper("/metrics").scrape()
        #expect(snapshot.version == "3.4.25")
        #expect(snapshot.users["alice"]?.octetsFromClient == 6_687_272_492)
    }

    @Test(arguments: [
        ("/slow", "timedOut"), ("/stall-body", "timedOut"), ("/truncated", "closedEarly"), ("/garbage", "parse"),
        ("/html", "parse"), ("/not-http", "malformedHTTP"), ("/close", "closedEarly"), ("/huge", "tooLarge"),
        ("/missing", "httpStatus"),
    ])
    func failuresRecordNothingAndTheNextScrapeIsExact(path: String, kind: String) async throws {
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        try server.setMetrics(Fixtures.telemtMetrics(uptime: 100, users: [("alice", 10, 100)]))
        _ = try await store.record(try scraper("/metrics").scrape(), node: "n1")
        try server.setMetrics(Fixtures.telemtMetrics(uptime: 160, users: [("alice", 50, 500)]))
        let started = Date()
        do {
            _ = try await store.record(try scraper(path, timeout: 0.5).scrape(), node: "n1")
            Issue.record("\(path) was accepted")
        } catch let error as ScrapeError {
            #expect(String(describing: error.reason).hasPrefix(kind), "\(error)")
            #expect(error.description.contains(server.url(path).replacingOccurrences(of: "http://", with: "")))
        }
        #expect(Date().timeIntervalSince(started) < 2.5, "bounded by the timeout")
        #expect(try await store.lifetimeUsage().map(\.total) == [110], "nothing recorded")
        let next = try await store.record(try scraper("/metrics").scrape(), node: "n1")
        #expect(next.deltas == [TrafficDelta(user: "alice", fromClient: 40, toClient: 400)])
    }

    @Test func nobodyListeningIsAConnectError() async throws {
        let error = #expect(throws: ScrapeError.self) { try MetricsScraper(url: "http://127.0.0.1:1/metrics", timeout: 1).scrape() }
        guard case .connect = error?.reason else {
            Issue.record("expected a connect error, got \(String(describing: error))")
            return
        }
        #expect(error?.description.contains("metrics_port") == true)
    }
}
