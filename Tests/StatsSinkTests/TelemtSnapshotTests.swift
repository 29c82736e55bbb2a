import Foundation
import Testing
@testable import StatsSink

struct TelemtSnapshotTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func snapshot(_ text: String) throws -> TelemtSnapshot {
        try TelemtSnapshot(document: try PrometheusParser().parse(text), scrapedAt: now)
    }

    @Test func readsTelemtSample() throws {
        let snapshot = try snapshot(try Fixtures.telemtMetricsSample())
        #expect(snapshot.uptime == 39062.1)
        #expect(snapshot.version == "3.4.25")
        #expect(snapshot.connectionsTotal == 520_832)
        #expect(snapshot.users["alice"] == UserCounters(
            octetsFromClient: 6_687_272_492, octetsToClient: 232_092_241_376, connectionsCurrent: 3, uniqueIPsCurrent: 2
        ))
        #expect(snapshot.users["bob.k"]?.octetsToClient == 2_048)
        #expect(snapshot.users["carol"] == nil, "gauges only: no traffic series yet")
        #expect(snapshot.connectionsCurrent == 3)
    }

    @Test(arguments: [
        ("m 1", TelemtMetricsError(line: 0, reason: .missingUptime)),
        ("telemt_uptime_seconds 1\ntelemt_uptime_seconds 2", TelemtMetricsError(line: 2, reason: .duplicateSeries(metric: "telemt_uptime_seconds", user: nil))),
        ("telemt_uptime_seconds -1", TelemtMetricsError(line: 1, reason: .invalidCounter(metric: "telemt_uptime_seconds", user: nil, value: -1))),
        ("telemt_uptime_seconds 1\ntelemt_user_octets_from_client 5", TelemtMetricsError(line: 2, reason: .missingUserLabel(metric: "telemt_user_octets_from_client"))),
        ("telemt_uptime_seconds 1\ntelemt_user_octets_from_client{user=\"a\"} 1.5", TelemtMetricsError(line: 2, reason: .invalidCounter(metric: "telemt_user_octets_from_client", user: "a", value: 1.5))),
        ("telemt_uptime_seconds 1\ntelemt_user_octets_to_client{user=\"a\"} NaN", TelemtMetricsError(line: 2, reason: .invalidCounter(metric: "telemt_user_octets_to_client", user: "a", value: .nan))),
        ("telemt_uptime_seconds 1\ntelemt_user_octets_from_client{user=\"a\"} 1", TelemtMetricsError(line: 2, reason: .incompleteUser(user: "a", missing: "telemt_user_octets_to_client"))),
        ("telemt_uptime_seconds 1\ntelemt_user_octets_to_client{user=\"a\"} 1\ntelemt_user_octets_to_client{user=\"a\"} 2", TelemtMetricsError(line: 3, reason: .duplicateSeries(metric: "telemt_user_octets_to_client", user: "a"))),
    ])
    func rejectsUnusableScrapes(text: String, expected: TelemtMetricsError) {
        do {
            _ = try snapshot(text)
            Issue.record("accepted \(text)")
        } catch let error as TelemtMetricsError {
            #expect(error.line == expected.line)
            #expect(error.description.hasPrefix(expected.line > 0 ? "metrics line \(expected.line):" : "metrics:"))
            if case .invalidCounter(_, _, let value) = expected.reason, value.isNaN { return }
            #expect(error == expected)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
