import Testing
@testable import StatsSink

struct UsageAccumulatorTests {
    func bytes(_ from: Int64, _ to: Int64, _ unsplit: Int64 = 0) -> RollUpBytes {
        RollUpBytes(fromClient: from, toClient: to, unsplit: unsplit)
    }

    @Test func subtractionsBeforeAdditionsStayExactAndZeroUsersAreOmitted() {
        var accumulator = UsageAccumulator(spans: 2)
        accumulator.add(user: "b", span: 0, bytes: bytes(5, 7, 1), sign: -1)
        accumulator.add(user: "b", span: 0, bytes: bytes(15, 17, 4), sign: 1)
        accumulator.add(user: "a", span: 1, bytes: bytes(3, 0), sign: 1)
        accumulator.add(user: "c", span: 1, bytes: bytes(4, 4, 4), sign: 1)
        accumulator.add(user: "c", span: 1, bytes: bytes(4, 4, 4), sign: -1)
        #expect(accumulator.result() == [
            [UserUsage(user: "b", fromClient: 10, toClient: 10, unsplit: 3)],
            [UserUsage(user: "a", fromClient: 3, toClient: 0)],
        ])
        #expect(!accumulator.touchedSaturated)
    }

    /// Sums past 2⁶³ and 2⁶⁴ neither wrap nor trap: they clamp to 8 EiB, and a difference of
    /// huge values that fits is exact.
    @Test func sumsBeyondTwoToTheSixtyFourClampOrStayExact() {
        var accumulator = UsageAccumulator(spans: 2)
        let big = Int64.max - 1
        for _ in 0..<5 { accumulator.add(user: "a", span: 0, bytes: bytes(big, big, big), sign: 1) }
        for _ in 0..<4 { accumulator.add(user: "b", span: 1, bytes: bytes(big, 1, 0), sign: 1) }
        for _ in 0..<3 { accumulator.add(user: "b", span: 1, bytes: bytes(big, 0, 0), sign: -1) }
        let ceiling = UInt64(Int64.max)
        #expect(accumulator.result() == [
            [UserUsage(user: "a", fromClient: ceiling, toClient: ceiling, unsplit: ceiling)],
            [UserUsage(user: "b", fromClient: UInt64(big), toClient: 4)],
        ])
        #expect(!accumulator.touchedSaturated)
        accumulator.add(user: "b", span: 0, bytes: bytes(.max, 0, 0), sign: -1)
        #expect(accumulator.touchedSaturated)
        #expect(accumulator.result()[0].last == UserUsage(user: "b", fromClient: ceiling, toClient: 0))
    }

    @Test func wideSumClampsNegativeToZeroAndKeepsSaturation() {
        var sum = WideSum()
        sum.add(5, sign: -1)
        #expect(sum.value == 0 && !sum.isZero)
        sum.add(5)
        #expect(sum.value == 0 && sum.isZero)
        sum.add(.max)
        sum.add(.max, sign: -1)
        #expect(sum.value == UInt64(Int64.max) && sum.saturated)
    }
}
