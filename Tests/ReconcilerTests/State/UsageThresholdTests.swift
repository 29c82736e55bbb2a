import Testing
@testable import Reconciler

extension StateTests {
    @Suite struct UsageThresholdTests {
        @Test func fractionsAndPercentsAreTheSameThreshold() {
            #expect(UsageThreshold(fraction: 0.8) == UsageThreshold(percent: 80))
            #expect(UsageThreshold(percent: 95)?.partsPerMillion == 950_000)
            #expect(UsageThreshold.defaults == [UsageThreshold(percent: 80)!, UsageThreshold(percent: 95)!])
        }

        @Test(arguments: [0.0, 1.0, -0.1, 1.5, .nan, .infinity, 0.000_000_1])
        func sharesOutsideZeroToOneAreRefused(fraction: Double) {
            #expect(UsageThreshold(fraction: fraction) == nil)
        }

        @Test func reachingIsExactAtTheBoundary() throws {
            let eighty = try #require(UsageThreshold(percent: 80))
            let limit = 50 * StateTests.gib
            #expect(eighty.isReached(used: 40 * StateTests.gib, limit: limit))
            #expect(!eighty.isReached(used: 40 * StateTests.gib - 1, limit: limit))
            #expect(eighty.isReached(used: 0, limit: 0))
        }

        @Test func reachingDoesNotOverflowNearTheLargestCounts() throws {
            let ninetyFive = try #require(UsageThreshold(percent: 95))
            let limit = UInt64.max
            let boundary = UInt64((Double(limit) * 0.95).rounded(.down)) // within 2^11 of the exact share
            #expect(ninetyFive.isReached(used: UInt64.max, limit: limit))
            #expect(ninetyFive.isReached(used: boundary + 4_096, limit: limit))
            #expect(!ninetyFive.isReached(used: boundary - 4_096, limit: limit))
        }

        @Test func percentTextDropsTrailingZeros() {
            #expect(UsageThreshold(percent: 80)?.percentText == "80 %")
            #expect(UsageThreshold(percent: 95.5)?.percentText == "95.5 %")
            #expect(UsageThreshold(fraction: 0.000_001)?.percentText == "0.0001 %")
            #expect(UsageThreshold(fraction: 0.123_45)?.percentText == "12.345 %")
        }

        @Test func machineSortsThresholdsAndDropsRepeats() {
            let ninetyFive = UsageThreshold(percent: 95)!
            let machine = UserStateMachine(thresholds: [ninetyFive, UsageThreshold(fraction: 0.5)!, ninetyFive])
            #expect(machine.thresholds.map(\.partsPerMillion) == [500_000, 950_000])
            #expect(UserStateMachine(expiringWindow: -5).expiringWindow == 0)
            #expect(UserStateMachine(expiringWindow: .infinity).expiringWindow == 0)
        }
    }
}
