import Foundation
import StatsSink
import TestSupport
import Testing
@testable import StatsSinkPostgres

/// Retention on PostgreSQL against the SQLite store on the same history: the same rows removed,
/// the same totals kept, every span the same before and after pruning, and the same documented
/// degradation of old periods.
struct PostgresRetentionTests {
    /// Property: on one history, PostgreSQL and SQLite answer every span alike unpruned; after the
    /// same random retention runs (one to three) they remove the same rows, keep the same totals
    /// and answer every span alike, each span equal to the unpruned span between its effective
    /// boundaries (quarter hours, then hours, then UTC days).
    @Test func pruningMatchesSQLiteAndDegradesExactlyAsDocumented() async throws {
        let history = TrafficHistory(seed: 97)
        let original = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        try history.record(into: original)
        let lifetime = try await original.lifetimeUsage()
        var random = SeededGenerator(seed: 101)
        try await PostgresTesting.withStore(try PostgresServer()) { store in
            for trial in 0..<3 {
                try await store.truncate()
                try await history.record(into: store)
                if trial == 0 { try await expectSameSpans(store, original, history, &random, sets: 60) }
                let sqlite = try original.copy()
                let applied = history.randomCutoffs(using: &random)
                for cutoffs in applied {
                    let pruned = try await store.prune(cutoffs)
                    #expect(pruned == (try await sqlite.prune(cutoffs)))
                }
                #expect(try await store.lifetimeUsage() == lifetime)
                try await expectSameSpans(store, sqlite, history, &random, sets: 25)
                let quarterCut = applied.map(\.quarterCut).max()!, hourCut = applied.map(\.hourCut).max()!
                for _ in 0..<25 {
                    let boundaries = history.randomBoundaries(using: &random)
                    let moved = boundaries.map { SQLiteStatsStoreRetentionTests.effectiveBoundary($0, quarterCut: quarterCut, hourCut: hourCut) }
                    #expect(try await store.usage(between: boundaries, filter: .all) == (try await original.usage(between: moved, filter: .all)))
                }
                try await expectPruned(store, raw: applied.map(\.rawTraffic).max()!, scrapes: applied.last!.scrapes, quarterCut: quarterCut)
            }
        }
    }

    /// Both stores answer `sets` random boundary sets alike, for every filter.
    func expectSameSpans(
        _ store: PostgresStatsStore, _ sqlite: SQLiteStatsStore, _ history: TrafficHistory, _ random: inout SeededGenerator, sets: Int
    ) async throws {
        for _ in 0..<sets {
            let boundaries = history.randomBoundaries(using: &random)
            for filter in TrafficHistory.filters {
                let postgres = try await store.usage(between: boundaries, filter: filter)
                #expect(postgres == (try await sqlite.usage(between: boundaries, filter: filter)), "\(boundaries) \(filter)")
            }
        }
    }

    /// Nothing older than a cutoff is left at its level, and every raw row still has its scrape row.
    func expectPruned(_ store: PostgresStatsStore, raw: Date, scrapes: Date, quarterCut: Int64) async throws {
        let rawAt = raw.timeIntervalSince1970, scrapesAt = scrapes.timeIntervalSince1970
        #expect(try await store.count("SELECT COUNT(*) FROM traffic_raw JOIN scrape ON id = scrape_id WHERE at < \(rawAt)") == 0)
        #expect(try await store.count("SELECT COUNT(*) FROM traffic_raw WHERE scrape_id NOT IN (SELECT id FROM scrape)") == 0)
        #expect(try await store.count("""
            SELECT COUNT(*) FROM scrape WHERE at < \(scrapesAt) AND id NOT IN (SELECT scrape_id FROM traffic_raw)
            """) == 0)
        #expect(try await store.count("SELECT COUNT(*) FROM traffic_quarter WHERE quarter < \(quarterCut)") == 0)
    }

    @Test func lateScrapeIntoFoldedHourIsAddedToTheHour() async throws {
        try await PostgresTesting.withStore(try PostgresServer()) { store in
            let hour = Date(timeIntervalSince1970: 1_800_003_600)
            try await store.recordDeltas([TrafficDelta(user: "a", fromClient: 5, toClient: 6, unsplit: 7)], at: hour.addingTimeInterval(100))
            let cutoffs = RetentionCutoffs(rawTraffic: hour, quarterHours: hour.addingTimeInterval(7_200), hours: hour, scrapes: hour)
            #expect(try await store.prune(cutoffs).quarterRows == 1)
            try await store.recordDeltas([TrafficDelta(user: "a", fromClient: 1, toClient: 1, unsplit: 1)], at: hour.addingTimeInterval(2_000))
            #expect(try await store.prune(cutoffs) == PruneResult(rawRows: 0, quarterRows: 1, hourlyRows: 0, scrapes: 0))
            #expect(try await store.count("SELECT COUNT(*) FROM traffic_hourly") == 1)
            #expect(try await store.count("SELECT COUNT(*) FROM traffic_quarter") == 0)
            let expected = [UserUsage(user: "a", fromClient: 6, toClient: 7, unsplit: 8)]
            #expect(try await store.usage(in: DateInterval(start: hour, duration: 3_600), filter: .all) == expected)
            #expect(try await store.lifetimeUsage() == expected)
        }
    }

    /// Hosts of a fleet pruning at once: every quarter hour is folded once (the fold adds only the
    /// rows its own DELETE removed; the runs' advisory lock keeps them from deadlocking), so the
    /// answers are those of one run.
    @Test func twoHostsPruningAtOnceFoldEachQuarterOnce() async throws {
        let history = TrafficHistory(seed: 7, days: 6)
        let sqlite = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        try history.record(into: sqlite)
        let cutoffs = RetentionCutoffs(
            rawTraffic: history.end, quarterHours: history.end.addingTimeInterval(-2 * 86_400),
            hours: history.end.addingTimeInterval(-86_400), scrapes: history.start
        )
        let once = try await sqlite.prune(cutoffs)
        var random = SeededGenerator(seed: 8)
        try await PostgresTesting.withStore(try PostgresServer()) { store in
            try await history.record(into: store)
            async let first = store.prune(cutoffs)
            async let second = store.prune(cutoffs)
            let runs = try await [first, second]
            #expect(runs.contains(once) && runs.contains(PruneResult()), "\(runs) against one run's \(once)")
            #expect(try await store.lifetimeUsage() == (try await sqlite.lifetimeUsage()))
            try await expectSameSpans(store, sqlite, history, &random, sets: 20)
        }
    }
}
