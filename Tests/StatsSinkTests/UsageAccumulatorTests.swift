import Testing
@testable import StatsSink

struct UsageAccumulatorTests {
    @Test func subtractionsBeforeAdditionsStayExactAndZeroUsersAreOmitted() {
        var accumulator = UsageAccumulator(spans: 2)
        accumulator.add(user: "b", span: 0, from: 5, to: 7, sign: -1)
        accumulator.add(user: "b", span: 0, from: 15, to: 17, sign: 1)
        accumulator.add(user: "a", span: 1, from: 3, to: 0, sign: 1)
        accumulator.add(user: "c", span: 1, from: 4, to: 4, sign: 1)
        accumulator.add(user: "c", span: 1, from: 4, to: 4, sign: -1)
        let result = accumulator.result()
        #expect(result == [
            [UserUsage(user: "b", fromClient: 10, toClient: 10)],
            [UserUsage(user: "a", fromClient: 3, toClient: 0)],
        ])
    }
}
