import Testing
@testable import TelemtRender

@Suite struct PNGEncoderTests {
    @Test func crcMatchesTheStandardCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xcbf4_3926)
    }

    @Test func storedBlocksSplitAt65535BytesAndKeepEveryByte() {
        let data = (0..<150_000).map { UInt8($0 % 251) }
        let stream = Deflate.stored(data)
        // Header, three blocks of 5 header bytes each, the data, and the Adler-32 trailer.
        #expect(stream.count == 2 + 3 * 5 + data.count + 4)
        #expect(stream[2] == 0 && stream[2 + 5 + 65_535] == 0 && stream[2 + 2 * (5 + 65_535)] == 1)
        let inflated = Deflate.inflate(stream, expectedSize: data.count)
        #expect(inflated?.count == data.count)
        let same = inflated == data
        #expect(same, "the stored blocks do not inflate to the data")
    }

    @Test func deflatedStreamsRoundTripAndAreSmall() {
        let data = (0..<150_000).map { UInt8($0 / 1_000 % 2 * 255) }
        let stream = Deflate.zlibStream(data)
        let same = Deflate.inflate(stream, expectedSize: data.count) == data
        #expect(same)
        #expect(stream.count < 2_000)
    }

    @Test func aQRCodePNGIsAFewKilobytes() throws {
        let link = "tg://proxy?server=proxy.example.com&port=443&secret=ee" + String(repeating: "ab", count: 16)
            + String(repeating: "77", count: 15)
        let png = try QRCode(encoding: link).png()
        #expect(png.count < 8_000, "\(png.count) bytes")
    }
}
