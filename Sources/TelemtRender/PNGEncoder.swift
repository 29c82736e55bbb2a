/// A minimal PNG writer for 8-bit grayscale images (QR codes); the image data is deflated by zlib
/// (``Deflate``), so a QR code of a few hundred pixels square takes a few KB.
enum PNGEncoder {
    /// The PNG file of a `width` × `height` image, one byte per pixel, rows top to bottom.
    static func grayscale(width: Int, height: Int, pixels: [UInt8]) -> [UInt8] {
        precondition(pixels.count == width * height, "pixel buffer does not match the image size")
        var raw: [UInt8] = []
        raw.reserveCapacity((width + 1) * height)
        for row in 0..<height {
            raw.append(0) // filter type: none
            raw.append(contentsOf: pixels[(row * width)..<((row + 1) * width)])
        }
        var header: [UInt8] = []
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header.append(contentsOf: [8, 0, 0, 0, 0]) // depth 8, grayscale, deflate, adaptive filters, no interlace
        var file: [UInt8] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
        appendChunk("IHDR", header, to: &file)
        appendChunk("IDAT", Deflate.zlibStream(raw), to: &file)
        appendChunk("IEND", [], to: &file)
        return file
    }

    private static func appendChunk(_ type: String, _ data: [UInt8], to file: inout [UInt8]) {
        let typeBytes = Array(type.utf8)
        file.appendBigEndian(UInt32(data.count))
        file.append(contentsOf: typeBytes)
        file.append(contentsOf: data)
        file.appendBigEndian(CRC32.checksum(typeBytes + data))
    }
}

extension [UInt8] {
    mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8((value >> 16) & 0xff), UInt8((value >> 8) & 0xff), UInt8(value & 0xff)])
    }
}
