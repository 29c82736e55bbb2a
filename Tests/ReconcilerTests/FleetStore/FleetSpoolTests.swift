import Foundation
import Spec
import StatsSink
import Testing
@testable import Reconciler

/// The fleet spool: exact snapshots on disk, one per quarter hour and telemt process, bounded.
struct FleetSpoolTests {
    static let start = Date(timeIntervalSince1970: 1_795_000_500.25)

    static func snapshot(at offset: Double, uptime: Double = 100, alice: UInt64 = 1) -> TelemtSnapshot {
        TelemtSnapshot(scrapedAt: start.addingTimeInterval(offset), uptime: uptime + offset, version: "3.4.25",
                       users: ["alice": UserCounters(octetsFromClient: alice, octetsToClient: 2 * alice)])
    }

    @Test func aSnapshotSurvivesTheFileExactlyAndACutFileReadsAsNothing() {
        var snapshot = TelemtSnapshot(scrapedAt: Date(timeIntervalSince1970: 1_795_000_123.456_789), uptime: 0.1 + 0.2, version: "3.4\t25\nx%",
                                      connectionsTotal: .max, userSeries: UserSeriesExport(suppressed: true, statsEmitted: 4_096, statsSuppressed: 3),
                                      users: ["al\tice": UserCounters(octetsFromClient: .max, octetsToClient: 0, connectionsCurrent: 2, uniqueIPsCurrent: nil),
                                              "bob": UserCounters(octetsFromClient: 1, octetsToClient: 9_007_199_254_740_993)],
                                      api: TelemtAPIObservation(processStartedAt: 1_700_000_000, users: ["carol": .init(totalOctets: 18_446_744_073_709_551_000, currentConnections: nil)]))
        snapshot.uniqueIPLimits = ["bob": 3]
        let bytes = SpooledSnapshot.encode(snapshot)
        #expect(SpooledSnapshot.decode(bytes) == snapshot)
        #expect(SpooledSnapshot.decode(Array(bytes.dropLast(3))) == nil)
        let plain = Self.snapshot(at: 0)
        #expect(SpooledSnapshot.decode(SpooledSnapshot.encode(plain)) == plain)
    }

    @Test func oneScrapePerQuarterHourAndProcessIsKept() throws {
        let directory = try TemporaryDirectory("spool")
        let spool = FleetSpool(stateDirectory: directory.url.path)
        #expect(try spool.add(Self.snapshot(at: 0), continued: true).count == 1)
        #expect(try spool.add(Self.snapshot(at: 60, alice: 5), continued: true).count == 1, "the same quarter hour replaces")
        #expect(spool.snapshot(try #require(spool.entries().first))?.users["alice"]?.octetsFromClient == 5)
        #expect(try spool.add(Self.snapshot(at: 900), continued: true).count == 2, "the next quarter hour adds")
        #expect(try spool.add(Self.snapshot(at: 960, uptime: -950), continued: false).count == 3, "a restart keeps the scrape before it")
        #expect(try spool.add(Self.snapshot(at: 1_000, uptime: -950), continued: true).count == 3)
        #expect(spool.entries().map(\.startsProcess) == [false, false, true], "the replacement still starts a process")
        for entry in spool.entries() {
            let mode = try FileManager.default.attributesOfItem(atPath: spool.directory + "/" + entry.name)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
        spool.remove(try #require(spool.entries().first))
        #expect(spool.entries().map(\.sequence) == [3, 5])
    }

    @Test func beyondTheLimitLaterScrapesOfTheSameProcessStandForOlderOnes() throws {
        let directory = try TemporaryDirectory("spool-limit")
        let spool = FleetSpool(stateDirectory: directory.url.path)
        _ = try spool.add(Self.snapshot(at: 0), continued: false)
        for quarter in 1..<FleetSpool.limit { _ = try spool.add(Self.snapshot(at: Double(quarter) * 900), continued: true) }
        let full = try spool.add(Self.snapshot(at: Double(FleetSpool.limit) * 900), continued: true)
        #expect(full.count == FleetSpool.limit && full.lost == 0)
        let entries = spool.entries()
        #expect(entries.first?.sequence == 2 && entries.first?.startsProcess == true, "the second scrape now starts the process")
        #expect(entries.dropFirst().allSatisfy { !$0.startsProcess })
    }

    @Test func onlyALimitOfRestartsDropsTraffic() throws {
        let directory = try TemporaryDirectory("spool-restarts")
        let spool = FleetSpool(stateDirectory: directory.url.path)
        var lost = 0
        for restart in 0...FleetSpool.limit { lost += try spool.add(Self.snapshot(at: Double(restart), uptime: -Double(restart)), continued: false).lost }
        #expect(lost == 1 && spool.entries().count == FleetSpool.limit && spool.entries().first?.sequence == 2)
    }

    @Test func theOtherNodesUsageFileRoundTripsAndAnOldPeriodCountsNothing() throws {
        var usage = OtherNodesUsage()
        usage.asOf = Self.start
        let month = DateInterval(start: Self.start, duration: 30 * 86_400)
        usage.periods[.monthly] = .init(interval: month, bytes: ["alice": .max, "b\tob": 7])
        usage.periods[.none] = .init(interval: nil, bytes: ["carol": 1])
        usage.firstSeen = ["alice": Self.start.addingTimeInterval(-0.5)]
        let decoded = try #require(OtherNodesUsage(encoded: usage.encoded()))
        #expect(decoded == usage)
        #expect(OtherNodesUsage(encoded: Array(usage.encoded().dropLast(4))) == nil)
        #expect(decoded.bytes("b\tob", reset: .monthly, interval: month) == 7)
        #expect(decoded.bytes("alice", reset: .monthly, interval: DateInterval(start: month.end, duration: 86_400)) == 0, "a new period")
        #expect(decoded.bytes("carol", reset: .none, interval: nil) == 1 && decoded.bytes("dave", reset: .none, interval: nil) == 0)
    }
}
