import TestSupport
import Testing
@testable import StatsSink

struct BaselineCodecTests {
    @Test func roundTripsRandomBaselines() throws {
        var random = SeededGenerator(seed: 5)
        for _ in 0..<200 {
            var baselines: [String: CounterBaseline] = [:]
            for _ in 0..<Int.random(in: 0...40, using: &random) {
                let name = String((0..<Int.random(in: 1...64, using: &random)).map { _ in "aZ09_.-é".randomElement(using: &random)! })
                baselines[name] = CounterBaseline(fromClient: .random(in: 0...UInt64.max, using: &random), toClient: .random(in: 0...UInt64.max, using: &random))
            }
            #expect(try BaselineCodec.decode(BaselineCodec.encode(baselines)).users == baselines)
        }
    }

    @Test func rejectsTruncatedOrForeignBytes() {
        let bytes = BaselineCodec.encode(["alice": CounterBaseline(fromClient: 1, toClient: 2)])
        for length in 0..<bytes.count where length != 2 {
            #expect(throws: BaselineCodec.CorruptBaselines.self) { try BaselineCodec.decode(Array(bytes.prefix(length))) }
        }
        #expect(throws: BaselineCodec.CorruptBaselines.self) { try BaselineCodec.decode([3] + bytes.dropFirst()) }
    }

    @Test func sortedPairsRoundTripWithTheDocumentedLayoutSize() throws {
        var random = SeededGenerator(seed: 6)
        for _ in 0..<200 {
            var baselines: [String: CounterBaseline] = [:]
            for _ in 0..<Int.random(in: 0...40, using: &random) {
                let name = String((0..<Int.random(in: 1...24, using: &random)).map { _ in "aZ09_.-é".randomElement(using: &random)! })
                baselines[name] = CounterBaseline(fromClient: .random(in: 0...UInt64.max, using: &random), toClient: .random(in: 0...UInt64.max, using: &random))
            }
            let sorted = baselines.map { (user: $0.key, counters: $0.value) }.sorted { $0.user < $1.user }
            let bytes = BaselineCodec.encode(sorted: sorted)
            #expect(bytes.count == 2 + sorted.reduce(0) { $0 + 2 + $1.user.utf8.count + 24 })
            #expect(try BaselineCodec.decode(bytes).users == baselines)
        }
    }

    @Test func headerRoundTripsAndVersionOneIsStillRead() throws {
        let header = BaselineCodec.Header(connectionsTotal: .max, processStartedAt: 1_772_000_000, recorder: "0a-1b host.example")
        let users = ["a": CounterBaseline(fromClient: 1, toClient: 2, total: 9)]
        let decoded = try BaselineCodec.decode(BaselineCodec.encode(users, header: header))
        #expect(decoded.header == header && decoded.users == users)
        // Version 1: name, from, to; the total is their sum.
        let v1: [UInt8] = [1, 1, 0, UInt8(ascii: "a")] + [5, 0, 0, 0, 0, 0, 0, 0] + [7, 0, 0, 0, 0, 0, 0, 0]
        #expect(try BaselineCodec.decode(v1).users == ["a": CounterBaseline(fromClient: 5, toClient: 7, total: 12)])
        #expect(throws: BaselineCodec.CorruptBaselines.self) { try BaselineCodec.decode([2, 9]) }
    }
}
