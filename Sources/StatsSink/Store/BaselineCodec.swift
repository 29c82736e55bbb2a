/// The binary form of a node's per-user baselines, stored in one row with the node's scrape
/// identity: one row write per scrape instead of one per user.
///
/// Layout: a version byte (1), then per user, sorted by name: name length (UInt16 LE), name
/// (UTF-8), from-client counter (UInt64 LE), to-client counter (UInt64 LE).
enum BaselineCodec {
    struct CorruptBaselines: Error, CustomStringConvertible {
        var offset: Int
        var description: String { "stored baselines are corrupt at byte \(offset)" }
    }

    static func encode(_ baselines: [String: CounterBaseline]) -> [UInt8] {
        encode(sorted: baselines.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 })
    }

    /// Encodes baselines already sorted by user name.
    static func encode(sorted baselines: [(user: String, counters: CounterBaseline)]) -> [UInt8] {
        var bytes: [UInt8] = [1]
        bytes.reserveCapacity(1 + baselines.count * 32)
        for (user, counters) in baselines {
            var user = user
            user.withUTF8 { name in
                let name = UnsafeBufferPointer(rebasing: name.prefix(Int(UInt16.max)))
                append(UInt64(name.count), width: 2, to: &bytes)
                bytes.append(contentsOf: name)
            }
            append(counters.fromClient, width: 8, to: &bytes)
            append(counters.toClient, width: 8, to: &bytes)
        }
        return bytes
    }

    static func decode(_ bytes: [UInt8]) throws -> [String: CounterBaseline] {
        guard bytes.first == 1 else { throw CorruptBaselines(offset: 0) }
        var result: [String: CounterBaseline] = [:]
        result.reserveCapacity(bytes.count / 26)
        var offset = 1
        while offset < bytes.count {
            let length = Int(try read(bytes, &offset, width: 2))
            guard offset + length + 16 <= bytes.count else { throw CorruptBaselines(offset: offset) }
            let user = String(decoding: bytes[offset..<offset + length], as: UTF8.self)
            offset += length
            let from = try read(bytes, &offset, width: 8)
            let to = try read(bytes, &offset, width: 8)
            result[user] = CounterBaseline(fromClient: from, toClient: to)
        }
        return result
    }

    private static func append(_ value: UInt64, width: Int, to bytes: inout [UInt8]) {
        for shift in 0..<width { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * shift))) }
    }

    private static func read(_ bytes: [UInt8], _ offset: inout Int, width: Int) throws -> UInt64 {
        guard offset + width <= bytes.count else { throw CorruptBaselines(offset: offset) }
        var value: UInt64 = 0
        for shift in 0..<width { value |= UInt64(bytes[offset + shift]) << (8 * shift) }
        offset += width
        return value
    }
}
