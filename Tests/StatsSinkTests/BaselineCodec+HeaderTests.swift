import Testing
@testable import StatsSink

/// Reading only the header of stored baselines (heartbeats).
struct BaselineCodecHeaderTests {
    @Test func aPrefixGivesTheHeaderOrAsksForMore() throws {
        let header = BaselineCodec.Header(connectionsTotal: 7, processStartedAt: 9, recorder: "0a1b " + String(repeating: "h", count: 40))
        let bytes = BaselineCodec.encode(["alice": CounterBaseline(fromClient: 1, toClient: 2)], header: header)
        let headerLength = 2 + 16 + 2 + header.recorder!.utf8.count
        #expect(try BaselineCodec.header(prefix: bytes, requested: bytes.count + 10) == header)
        #expect(try BaselineCodec.header(prefix: Array(bytes.prefix(headerLength)), requested: headerLength) == header)
        #expect(try BaselineCodec.header(prefix: Array(bytes.prefix(headerLength - 1)), requested: headerLength - 1) == nil)
        // A prefix shorter than asked for is all there is: a header running past it is corrupt.
        #expect(throws: BaselineCodec.CorruptBaselines.self) {
            try BaselineCodec.header(prefix: Array(bytes.prefix(headerLength - 1)), requested: headerLength)
        }
        #expect(throws: BaselineCodec.CorruptBaselines.self) { try BaselineCodec.header(prefix: [2, 9], requested: 2) }
        #expect(try BaselineCodec.header(prefix: [1, 5, 0], requested: 1_024) == BaselineCodec.Header())
    }

    @Test func storedRecorderIdentitiesRoundTrip() {
        let instance = RecorderInstance(id: "0a1b", host: "host with spaces")
        #expect(RecorderInstance(stored: instance.stored) == instance)
        #expect(RecorderInstance(stored: "0a1b") == RecorderInstance(id: "0a1b", host: ""))
    }
}
