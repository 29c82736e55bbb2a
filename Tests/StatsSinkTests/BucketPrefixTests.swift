import TestSupport
import Testing
@testable import StatsSink

struct BucketPrefixTests {
    @Test func picksTheNearerDayEdge() {
        let day: Int64 = 86_400 * 20
        let after = BucketPrefix(at: day + 3 * 3_600)
        #expect(after.day == day && after.edge == day..<day + 3 * 3_600 && after.sign == 1)
        let before = BucketPrefix(at: day - 3 * 3_600)
        #expect(before.day == day && before.edge == day - 3 * 3_600..<day && before.sign == -1)
        let aligned = BucketPrefix(at: day)
        #expect(aligned.day == day && aligned.edge.isEmpty)
    }

    /// Property: for random hourly traffic, daily sums plus or minus the edge hours equal the
    /// hourly sum before the boundary, and no edge is longer than 12 hours.
    @Test func prefixEqualsHourlySumBeforeBoundary() {
        var random = SeededGenerator(seed: 41)
        for _ in 0..<300 {
            let hours = (0..<(24 * 6)).map { _ in Int64.random(in: 0...1_000, using: &random) }
            let hourly = { (start: Int64) in hours[Int(start / 3_600)] }
            let daily = { (day: Int64) in (0..<24).reduce(Int64(0)) { $0 + hourly(day + Int64($1) * 3_600) } }
            let boundary = Int64.random(in: 1..<(24 * 5), using: &random) * 3_600
            let prefix = BucketPrefix(at: boundary)
            let days = stride(from: 0, to: prefix.day, by: 86_400).reduce(Int64(0)) { $0 + daily($1) }
            let edge = stride(from: prefix.edge.lowerBound, to: prefix.edge.upperBound, by: 3_600).reduce(Int64(0)) { $0 + hourly($1) }
            let expected = stride(from: 0, to: boundary, by: 3_600).reduce(Int64(0)) { $0 + hourly($1) }
            #expect(days + prefix.sign * edge == expected)
            #expect(prefix.edge.count <= 12 * 3_600)
        }
    }

    @Test func costCountsEdgeHoursAndWholeDays() {
        let day: Int64 = 86_400 * 20
        let prefixes = [BucketPrefix(at: day - 3 * 3_600), BucketPrefix(at: day + 86_400 - 3 * 3_600)]
        #expect(BucketPrefix.cost(prefixes) == 3 + 3 + 1)
        #expect(BucketPrefix.cost([]) == 0)
    }
}
