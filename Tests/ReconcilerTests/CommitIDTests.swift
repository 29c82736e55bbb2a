import TestSupport
import Testing
@testable import Reconciler

@Suite("Commit ids")
struct CommitIDTests {
    @Test func parsesAndAbbreviates() throws {
        let id = try #require(CommitID(hex: "A1B2C3D4E5F60718293A4B5C6D7E8F9012345678"))
        #expect(id.hex == "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678")
        #expect(id.short == "a1b2c3d")
        #expect(CommitID(hex: "xyz") == nil)
        #expect(CommitID(hex: String(repeating: "g", count: 40)) == nil)
    }

    @Test func bytesRoundTripThroughHex() {
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<500 {
            let bytes = (0..<20).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let id = CommitID(bytes: bytes)
            #expect(CommitID(hex: id.hex) == id)
            #expect(CommitID(oid: id.oid) == id)
        }
    }
}
