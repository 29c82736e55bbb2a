import Foundation
import GRDB
import TestSupport
import Testing
@testable import StatsSink

/// Retention folds quarter hours into hours, drops hours and raw rows and old scrape rows without
/// changing any total, and degrades old periods exactly as documented.
struct SQLiteStatsStoreRetentionTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000 + 1_234)
    let days = 40.0

    /// Where boundary `date` effectively falls once the store was pruned at `cutoffs` (as the
    /// store aligns them): exact quarter hours, then the next UTC hour, then the nearer UTC midnight.
    static func effectiveBoundary(_ date: Date, quarterCut: Int64, hourCut: Int64) -> Date {
        let quarter = TimeBuckets.quarterBoundary(date)
        let moved: Int64
        if quarter >= quarterCut {
            moved = quarter
        } else if quarter >= hourCut {
            moved = TimeBuckets.roundUp(quarter, to: 3_600)
        } else {
            let floor = TimeBuckets.roundDown(quarter, to: 86_400)
            moved = quarter - floor <= floor + 86_400 - quarter ? floor : floor + 86_400
        }
        return Date(timeIntervalSince1970: Double(moved))
    }

    /// Property: after pruning at random cutoffs (in one to three runs), lifetime totals are
    /// unchanged, and every span equals the unpruned span between its effective boundaries:
    /// unchanged while fine, degraded to hours, then UTC days, exactly as documented.
    @Test func pruningKeepsTotalsAndDegradesExactlyAsDocumented() async throws {
        let original = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        try TrafficHistory(seed: 97, start: t0, days: days).record(into: original)
        let lifetime = try await original.lifetimeUsage()
        var random = SeededGenerator(seed: 101)
        for _ in 0..<6 {
            let store = try original.copy()
            let end = t0.addingTimeInterval(days * 86_400)
            var applied: [RetentionCutoffs] = []
            for run in 0..<Int.random(in: 1...3, using: &random) {
                let quarterDays = Double.random(in: 0...(days - 2), using: &random)
                let policy = RetentionPolicy(
                    rawTraffic: .random(in: 0...days, using: &random) * 86_400, quarterHours: quarterDays * 86_400,
                    hours: .random(in: quarterDays...days, using: &random) * 86_400, scrapes: .random(in: 0...days, using: &random) * 86_400
                )
                let cutoffs = policy.cutoffs(now: end.addingTimeInterval(Double(run) * 7_200))
                try await store.prune(cutoffs)
                applied.append(cutoffs)
            }
            // Each level is as pruned as its most advanced run left it.
            let quarterCut = applied.map { TimeBuckets.roundDown(TimeBuckets.seconds($0.quarterHours, rounding: .down), to: 3_600) }.max()!
            let hourCut = applied.map { cutoffs in
                let quarter = TimeBuckets.roundDown(TimeBuckets.seconds(cutoffs.quarterHours, rounding: .down), to: 3_600)
                return TimeBuckets.roundDown(min(TimeBuckets.seconds(cutoffs.hours, rounding: .down), quarter), to: 86_400)
            }.max()!
            #expect(try await store.lifetimeUsage() == lifetime)
            for _ in 0..<40 {
                var boundaries = [t0.addingTimeInterval(.random(in: 0...(days * 86_400), using: &random))]
                let longest: TimeInterval = [20_000, 5 * 86_400].randomElement(using: &random)!
                for _ in 0..<Int.random(in: 1...6, using: &random) {
                    boundaries.append(min(end, boundaries.last!.addingTimeInterval(.random(in: 0...longest, using: &random))))
                }
                let moved = boundaries.map { Self.effectiveBoundary($0, quarterCut: quarterCut, hourCut: hourCut) }
                for filter in [UsageFilter.all, UsageFilter(user: "c"), UsageFilter(node: "n2")] {
                    let pruned = try await store.usage(between: boundaries, filter: filter)
                    let unpruned = try await original.usage(between: moved, filter: filter)
                    #expect(pruned == unpruned, "\(boundaries) → \(moved)")
                }
            }
            try expectPruned(store, raw: applied.map(\.rawTraffic).max()!, scrapes: applied.last!.scrapes, quarterCut: quarterCut)
        }
    }

    /// Nothing older than a cutoff is left at its level, and every raw row still has its scrape row.
    func expectPruned(_ store: SQLiteStatsStore, raw: Date, scrapes: Date, quarterCut: Int64) throws {
        try store.writer.read { db in
            let oldRaw = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM traffic_raw JOIN scrape ON id = scrape_id WHERE at < ?", arguments: [raw.timeIntervalSince1970]
            )
            #expect(oldRaw == 0)
            let orphans = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM traffic_raw WHERE scrape_id NOT IN (SELECT id FROM scrape)")
            #expect(orphans == 0, "a scrape row is kept while it has raw rows")
            let oldScrapes = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM scrape WHERE at < ? AND id NOT IN (SELECT scrape_id FROM traffic_raw)",
                arguments: [scrapes.timeIntervalSince1970]
            )
            #expect(oldScrapes == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM traffic_quarter WHERE quarter < ?", arguments: [quarterCut]) == 0)
        }
    }

    @Test func lateScrapeIntoFoldedHourIsAddedToTheHour() async throws {
        let store = try SQLiteStatsStore(inMemoryWith: TrafficLedger())
        let hour = Date(timeIntervalSince1970: 1_800_003_600)
        try store.recordDeltas([TrafficDelta(user: "a", fromClient: 5, toClient: 6, unsplit: 7)], at: hour.addingTimeInterval(100))
        let cutoffs = RetentionCutoffs(rawTraffic: hour, quarterHours: hour.addingTimeInterval(7_200), hours: hour, scrapes: hour)
        #expect(try await store.prune(cutoffs).quarterRows == 1)
        try store.recordDeltas([TrafficDelta(user: "a", fromClient: 1, toClient: 1, unsplit: 1)], at: hour.addingTimeInterval(2_000))
        #expect(try await store.prune(cutoffs) == PruneResult(rawRows: 0, quarterRows: 1, hourlyRows: 0, scrapes: 0))
        #expect(try await store.rowCount(.hourly) == 1)
        #expect(try await store.rowCount(.quarter) == 0)
        let expected = [UserUsage(user: "a", fromClient: 6, toClient: 7, unsplit: 8)]
        #expect(try await store.usage(in: DateInterval(start: hour, duration: 3_600), filter: .all) == expected)
        #expect(try await store.lifetimeUsage() == expected)
    }

    @Test func defaultPolicyKeepsTwoMonthsOfQuarterHoursAndAYearOfHours() {
        let policy = RetentionPolicy()
        #expect(policy.rawTraffic == 7 * 86_400 && policy.quarterHours == 70 * 86_400)
        #expect(policy.hours == 400 * 86_400 && policy.scrapes == 400 * 86_400)
        let odd = RetentionPolicy(rawTraffic: -5, quarterHours: 10 * 86_400, hours: 86_400, scrapes: .nan)
        #expect(odd.rawTraffic == 0 && odd.hours == 10 * 86_400 && odd.scrapes == 0)
    }
}
