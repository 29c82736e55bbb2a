/// The name of an object member, borrowed from the scanned bytes (valid only inside the
/// ``JSONScanner/readObject(_:)`` callback). Compared without allocating when it has no escapes.
struct JSONKey {
    /// The name as written, between its quotes.
    let bytes: UnsafeBufferPointer<UInt8>
    /// Whether the name has `\` escapes.
    let escaped: Bool

    /// Whether the name is `name`.
    func matches(_ name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        if escaped { return JSONScanner.unescape(bytes).utf8.elementsEqual(UnsafeBufferPointer(start: name.utf8Start, count: count)) }
        guard bytes.count == count else { return false }
        let pointer = name.utf8Start
        for offset in 0..<count where bytes[offset] != pointer[offset] { return false }
        return true
    }

    /// Lets a `switch` over a key use string literal patterns.
    static func ~= (pattern: StaticString, key: JSONKey) -> Bool {
        key.matches(pattern)
    }
}
