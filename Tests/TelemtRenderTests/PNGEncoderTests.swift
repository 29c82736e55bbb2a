import Testing
@testable import TelemtRender

@Suite struct PNGEncoderTests {
    @Test func crcMatchesTheStandardCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xcbf4_3926)
    }

    @Test func adlerMatchesTheStandardValue() {
        #expect(PNGEncoder.adler32(Array("Wikipedia".utf8)) == 0x11e6_0398)
    }

    @Test func storedBlocksSplitAt65535BytesAndKeepEveryByte() {
        let data = (0..<150_000).map { UInt8($0 % 251) }
        let stream = PNGEncoder.zlibStored(data)
        // Header, three blocks of 5 header bytes each, the data, and the Adler-32 trailer.
        #expect(stream.count == 2 + 3 * 5 + data.count + 4)
        #expect(stream[2] == 0 && stream[2 + 5 + 65_535] == 0 && stream[2 + 2 * (5 + 65_535)] == 1)
        let lastPayload = Array(stream[(2 + 2 * (5 + 65_535) + 5)..<(stream.count - 4)])
        #expect(lastPayload == Array(data[131_070...]))
    }
}
