import Foundation
import TestSupport
@testable import StatsSink

/// Random scrapes over `days` days for three users on two nodes, unsplit bytes included: one
/// history to write into every backend (through each one's insert and roll-up statements), and
/// random span boundaries to ask them about.
struct TrafficHistory {
    struct Scrape {
        var at: Date
        var node: String
        var deltas: [TrafficDelta]
    }

    let start: Date
    let days: Double
    let scrapes: [Scrape]

    init(seed: UInt64, start: Date = Date(timeIntervalSince1970: 1_800_000_000 + 1_234), days: Double = 40) {
        self.start = start
        self.days = days
        var random = SeededGenerator(seed: seed)
        var at = start
        var scrapes: [Scrape] = []
        while at < start.addingTimeInterval(days * 86_400) {
            at.addTimeInterval(.random(in: 300...14_400, using: &random))
            let deltas = ["a", "b", "c"].filter { _ in Bool.random(using: &random) }.map { user in
                TrafficDelta(
                    user: user, fromClient: .random(in: 0...1_000, using: &random), toClient: .random(in: 0...9_000, using: &random),
                    unsplit: user == "c" ? .random(in: 0...5_000, using: &random) : 0
                )
            }
            scrapes.append(Scrape(at: at, node: Bool.random(using: &random) ? "n1" : "n2", deltas: deltas))
        }
        self.scrapes = scrapes
    }

    var end: Date { start.addingTimeInterval(days * 86_400) }

    func record(into store: SQLiteStatsStore) throws {
        for scrape in scrapes { try store.recordDeltas(scrape.deltas, at: scrape.at, node: scrape.node) }
    }

    /// Two to seven ascending boundaries inside the history, minutes to days apart.
    func randomBoundaries(using random: inout SeededGenerator) -> [Date] {
        var boundaries = [start.addingTimeInterval(.random(in: 0...(days * 86_400), using: &random))]
        let longest: TimeInterval = [20_000, 5 * 86_400].randomElement(using: &random)!
        for _ in 0..<Int.random(in: 1...6, using: &random) {
            boundaries.append(min(end, boundaries.last!.addingTimeInterval(.random(in: 0...longest, using: &random))))
        }
        return boundaries
    }

    /// One to three retention runs' cutoffs at random ages, each run two hours after the last.
    func randomCutoffs(using random: inout SeededGenerator) -> [RetentionCutoffs] {
        (0..<Int.random(in: 1...3, using: &random)).map { run in
            let quarterDays = Double.random(in: 0...(days - 2), using: &random)
            let policy = RetentionPolicy(
                rawTraffic: .random(in: 0...days, using: &random) * 86_400, quarterHours: quarterDays * 86_400,
                hours: .random(in: quarterDays...days, using: &random) * 86_400, scrapes: .random(in: 0...days, using: &random) * 86_400
            )
            return policy.cutoffs(now: end.addingTimeInterval(Double(run) * 7_200))
        }
    }

    static let filters = [UsageFilter.all, UsageFilter(user: "c"), UsageFilter(node: "n2"), UsageFilter(node: "n1", user: "a")]
}
