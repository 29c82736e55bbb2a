import Foundation

/// A small cache from name bytes to `String`, so the few metric family names of an exposition are
/// built once rather than once per sample (a telemt scrape has about eight samples per user).
struct NameCache {
    private var entries: [(bytes: [UInt8], string: String)] = []
    private let capacity = 64

    mutating func string(for range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        for entry in entries where entry.bytes.count == slice.count {
            let equal = entry.bytes.withUnsafeBufferPointer { stored in
                slice.isEmpty || memcmp(stored.baseAddress!, slice.baseAddress!, slice.count) == 0
            }
            if equal { return entry.string }
        }
        let string = String(decoding: slice, as: UTF8.self)
        if entries.count < capacity { entries.append((Array(slice), string)) }
        return string
    }
}
