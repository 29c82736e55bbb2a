import Foundation
import TestSupport
import Testing
@testable import StatsSink

struct TimeBucketsTests {
    @Test func roundsNegativeInstantsDown() {
        #expect(TimeBuckets.roundDown(-1, to: 3_600) == -3_600)
        #expect(TimeBuckets.roundUp(-3_599, to: 3_600) == 0)
        #expect(TimeBuckets.quarterStart(of: Date(timeIntervalSince1970: 1_799.9)) == 900)
        #expect(TimeBuckets.quarterStart(of: Date(timeIntervalSince1970: -0.5)) == -900)
    }

    @Test func boundariesRoundUpToQuarterHours() {
        #expect(TimeBuckets.quarterBoundary(Date(timeIntervalSince1970: 900)) == 900)
        #expect(TimeBuckets.quarterBoundary(Date(timeIntervalSince1970: 900.001)) == 1_800)
        #expect(TimeBuckets.quarterBoundary(Date(timeIntervalSince1970: -899)) == 0)
    }

    /// Dates a clock or a caller could produce, far outside any sane range, clamp instead of trapping.
    @Test(arguments: [1e19, -1e19, 9.3e18, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .infinity, -.infinity, .nan])
    func extremeDatesClampWithoutTrapping(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let quarter = TimeBuckets.quarterStart(of: date)
        let boundary = TimeBuckets.quarterBoundary(date)
        #expect(abs(quarter) <= TimeBuckets.limit && abs(boundary) <= TimeBuckets.limit)
        #expect(quarter % 900 == 0 && boundary % 900 == 0)
        #expect(seconds.isNaN ? quarter == 0 : (seconds > 0) == (quarter > 0))
    }
}
