import TestSupport
import Testing
@testable import StatsSink

struct BucketPrefixTests {
    @Test func picksTheNearerDayEdge() {
        let day: Int64 = 86_400 * 20
        let after = BucketPrefix(at: day + 3 * 3_600 + 900)
        #expect(after.day == day && after.edge == day..<day + 3 * 3_600 + 900 && after.sign == 1)
        let before = BucketPrefix(at: day - 5 * 3_600 - 2_700)
        #expect(before.day == day && before.edge == day - 5 * 3_600 - 2_700..<day && before.sign == -1)
        let aligned = BucketPrefix(at: day)
        #expect(aligned.day == day && aligned.edge.isEmpty)
    }

    /// Property: for random quarter-hour traffic, daily sums plus or minus the edge quarters equal
    /// the quarter sum before the boundary, and no edge is longer than 12 hours.
    @Test func prefixEqualsFineSumBeforeBoundary() {
        var random = SeededGenerator(seed: 41)
        for _ in 0..<300 {
            let quarters = (0..<(96 * 6)).map { _ in Int64.random(in: 0...1_000, using: &random) }
            let fine = { (start: Int64) in quarters[Int(start / 900)] }
            let daily = { (day: Int64) in (0..<96).reduce(Int64(0)) { $0 + fine(day + Int64($1) * 900) } }
            let boundary = Int64.random(in: 1..<(96 * 5), using: &random) * 900
            let prefix = BucketPrefix(at: boundary)
            let days = stride(from: 0, to: prefix.day, by: 86_400).reduce(Int64(0)) { $0 + daily($1) }
            let edge = stride(from: prefix.edge.lowerBound, to: prefix.edge.upperBound, by: 900).reduce(Int64(0)) { $0 + fine($1) }
            let expected = stride(from: 0, to: boundary, by: 900).reduce(Int64(0)) { $0 + fine($1) }
            #expect(days + prefix.sign * edge == expected)
            #expect(prefix.edge.count <= 12 * 3_600)
        }
    }

    @Test func costCountsEdgeQuartersAndWholeDays() {
        let day: Int64 = 86_400 * 20
        let prefixes = [BucketPrefix(at: day - 3 * 3_600), BucketPrefix(at: day + 86_400 - 1_800)]
        #expect(BucketPrefix.cost(prefixes) == 12 + 2 + 1)
        #expect(BucketPrefix.cost([]) == 0)
    }
}
