/// Finds the `{` that is still open at a position, to explain errors caused by a missing `}`: YAML then
/// folds the next lines into the value (`50 GiB bob`) or fails far below the real mistake.
enum UnclosedBrace {
    /// The 1-based line of the innermost `{` opened before `line`:`column` and not closed by then, if any.
    /// Quoted text and comments are skipped.
    static func line(in bytes: UnsafeBufferPointer<UInt8>, before line: Int, column: Int) -> Int? {
        var open: [Int] = []
        var current = 1
        var currentColumn = 1
        var quote: UInt8?
        var comment = false
        var previous = UInt8(ascii: "\n")
        for byte in bytes {
            if current > line || (current == line && currentColumn >= column) { break }
            if byte == UInt8(ascii: "\n") {
                current += 1
                currentColumn = 1
                comment = false
                previous = byte
                continue
            }
            currentColumn += byte & 0xC0 == 0x80 ? 0 : 1
            defer { previous = byte }
            if comment { continue }
            if let open = quote {
                if byte == open { quote = nil }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = startsScalar(previous) ? byte : nil
            case UInt8(ascii: "#") where previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\n"): comment = true
            case UInt8(ascii: "{"): open.append(current)
            case UInt8(ascii: "}"): _ = open.popLast()
            default: break
            }
        }
        return open.last
    }

    /// The innermost `{` never closed in the whole file, if any.
    static func line(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        line(in: bytes, before: Int.max, column: Int.max)
    }

    /// Whether a quote after `byte` opens a quoted scalar (and is not an apostrophe inside plain text).
    private static func startsScalar(_ byte: UInt8) -> Bool {
        [UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: ","),
         UInt8(ascii: ":"), UInt8(ascii: "\t")].contains(byte)
    }
}
