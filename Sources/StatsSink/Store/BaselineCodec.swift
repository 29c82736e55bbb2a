/// The binary form of a node's baselines, stored in one row with the node's scrape identity: one
/// row write per scrape instead of one per user.
///
/// Version 2 (written): a version byte (2); a flags byte (bit 0 `connectionsTotal`, bit 1
/// `processStartedAt`, bit 2 `recorder`); each present value (UInt64 LE; the recorder as
/// length UInt16 LE + UTF-8); then per user, sorted by name: name length (UInt16 LE), name
/// (UTF-8), from-client, to-client and accounted total (UInt64 LE each).
/// Version 1 (read): a version byte (1), then per user name and the two counters; the total is
/// their sum.
package enum BaselineCodec {
    package struct CorruptBaselines: Error, CustomStringConvertible {
        var offset: Int
        package var description: String { "stored baselines are corrupt at byte \(offset)" }
    }

    /// The node-wide values kept with the baselines.
    package struct Header: Equatable {
        package var connectionsTotal: UInt64?
        package var processStartedAt: UInt64?
        package var recorder: String?

        package init(connectionsTotal: UInt64? = nil, processStartedAt: UInt64? = nil, recorder: String? = nil) {
            self.connectionsTotal = connectionsTotal
            self.processStartedAt = processStartedAt
            self.recorder = recorder
        }
    }

    static func encode(_ baselines: [String: CounterBaseline], header: Header = Header()) -> [UInt8] {
        encode(sorted: baselines.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 }, header: header)
    }

    /// Encodes baselines already sorted by user name.
    package static func encode(sorted baselines: [(user: String, counters: CounterBaseline)], header: Header = Header()) -> [UInt8] {
        var bytes: [UInt8] = [2, flags(header)]
        bytes.reserveCapacity(32 + baselines.count * 40)
        if let value = header.connectionsTotal { append(value, width: 8, to: &bytes) }
        if let value = header.processStartedAt { append(value, width: 8, to: &bytes) }
        if let recorder = header.recorder { appendName(recorder, to: &bytes) }
        for (user, counters) in baselines {
            appendName(user, to: &bytes)
            append(counters.fromClient, width: 8, to: &bytes)
            append(counters.toClient, width: 8, to: &bytes)
            append(counters.total, width: 8, to: &bytes)
        }
        return bytes
    }

    package static func decode(_ bytes: [UInt8]) throws -> (header: Header, users: [String: CounterBaseline]) {
        guard let version = bytes.first, version == 1 || version == 2 else { throw CorruptBaselines(offset: 0) }
        var offset = 1
        var header = Header()
        if version == 2 { header = try decodeHeader(bytes, &offset) }
        var result: [String: CounterBaseline] = [:]
        result.reserveCapacity(bytes.count / 34)
        while offset < bytes.count {
            let user = try readName(bytes, &offset)
            let from = try read(bytes, &offset, width: 8)
            let to = try read(bytes, &offset, width: 8)
            let total = version == 2 ? try read(bytes, &offset, width: 8) : nil
            result[user] = CounterBaseline(fromClient: from, toClient: to, total: total)
        }
        return (header, result)
    }

    private static func flags(_ header: Header) -> UInt8 {
        (header.connectionsTotal == nil ? 0 : 1) | (header.processStartedAt == nil ? 0 : 2) | (header.recorder == nil ? 0 : 4)
    }

    static func decodeHeader(_ bytes: [UInt8], _ offset: inout Int) throws -> Header {
        let flags = try read(bytes, &offset, width: 1)
        guard flags < 8 else { throw CorruptBaselines(offset: 1) }
        var header = Header()
        if flags & 1 != 0 { header.connectionsTotal = try read(bytes, &offset, width: 8) }
        if flags & 2 != 0 { header.processStartedAt = try read(bytes, &offset, width: 8) }
        if flags & 4 != 0 { header.recorder = try readName(bytes, &offset) }
        return header
    }

    private static func appendName(_ name: String, to bytes: inout [UInt8]) {
        var name = name
        name.withUTF8 { utf8 in
            let clipped = UnsafeBufferPointer(rebasing: utf8.prefix(Int(UInt16.max)))
            append(UInt64(clipped.count), width: 2, to: &bytes)
            bytes.append(contentsOf: clipped)
        }
    }

    private static func readName(_ bytes: [UInt8], _ offset: inout Int) throws -> String {
        let length = Int(try read(bytes, &offset, width: 2))
        guard offset + length <= bytes.count else { throw CorruptBaselines(offset: offset) }
        defer { offset += length }
        return String(decoding: bytes[offset..<offset + length], as: UTF8.self)
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
