import Foundation
import TestSupport
import Testing
@testable import StatsSink

struct HourBucketsTests {
    @Test func splitsIntoDailyAndHourlyEdges() {
        let start = Date(timeIntervalSince1970: 86_400 * 10 - 3 * 3_600)  // 21:00 UTC
        let end = Date(timeIntervalSince1970: 86_400 * 13 + 5 * 3_600 + 1)  // just after 05:00 UTC
        let buckets = HourBuckets(covering: DateInterval(start: start, end: end))
        #expect(buckets.daily == 864_000..<1_123_200)
        #expect(buckets.hourly == [853_200..<864_000, 1_123_200..<1_144_800])
    }

    /// Property: daily plus hourly edges cover exactly the hours whose start lies in the widened span.
    @Test func coversSameHoursAsHourlyAlone() {
        var random = SeededGenerator(seed: 3)
        for _ in 0..<2_000 {
            let start = Int64.random(in: 0...(86_400 * 40), using: &random)
            let end = start + Int64.random(in: 0...(86_400 * 9), using: &random)
            let buckets = HourBuckets(covering: DateInterval(start: Date(timeIntervalSince1970: Double(start)), end: Date(timeIntervalSince1970: Double(end))))
            var hours = buckets.hourly.reduce(0) { $0 + $1.count / 3_600 }
            if let daily = buckets.daily {
                #expect(daily.lowerBound % 86_400 == 0 && daily.upperBound % 86_400 == 0)
                hours += daily.count / 3_600
            }
            let first = HourBuckets.roundUp(start, to: 3_600)
            let last = HourBuckets.roundUp(end, to: 3_600)
            #expect(hours == Int(last - first) / 3_600)
        }
    }

    @Test func roundsNegativeInstantsDown() {
        #expect(HourBuckets.roundDown(-1, to: 3_600) == -3_600)
        #expect(HourBuckets.roundUp(-3_599, to: 3_600) == 0)
        #expect(HourBuckets.hourStart(of: Date(timeIntervalSince1970: 7_199.9)) == 3_600)
    }
}
