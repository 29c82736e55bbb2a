internal import CZlib

/// zlib's deflate, the one place this module touches the C library.
enum Deflate {
    /// `data` as a complete zlib stream (header, deflate blocks, Adler-32), at the best compression.
    ///
    /// zlib fails only on allocation failure or a bad level; a stream of stored blocks is written then,
    /// which every zlib reader still accepts.
    static func zlibStream(_ data: [UInt8]) -> [UInt8] {
        var capacity = compressBound(uLong(data.count))
        var out = [UInt8](repeating: 0, count: Int(capacity))
        let status = out.withUnsafeMutableBufferPointer { target in
            data.withUnsafeBufferPointer { source in
                compress2(target.baseAddress, &capacity, source.baseAddress, uLong(source.count), Z_BEST_COMPRESSION)
            }
        }
        guard status == Z_OK else { return stored(data) }
        out.removeSubrange(Int(capacity)...)
        return out
    }

    /// A zlib stream of stored (uncompressed) deflate blocks of at most 65,535 bytes each.
    static func stored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65_535, data.count - offset)
            out.append(offset + count == data.count ? 1 : 0)
            out += [UInt8(count & 0xff), UInt8(count >> 8), UInt8(~count & 0xff), UInt8((~count >> 8) & 0xff)]
            out.append(contentsOf: data[offset..<(offset + count)])
            offset += count
        } while offset < data.count
        out.appendBigEndian(UInt32(adler32(1, data, uInt(data.count))))
        return out
    }

    /// The bytes a zlib stream holds, for tests (`nil` when it is not a valid stream).
    static func inflate(_ stream: [UInt8], expectedSize: Int) -> [UInt8]? {
        var size = uLong(expectedSize)
        var out = [UInt8](repeating: 0, count: max(expectedSize, 1))
        let status = out.withUnsafeMutableBufferPointer { target in
            uncompress(target.baseAddress, &size, stream, uLong(stream.count))
        }
        return status == Z_OK ? Array(out.prefix(Int(size))) : nil
    }
}
