/// A cheap pass over the bytes before libyaml sees them: libyaml's scanner takes time quadratic in the depth
/// of nested flow collections (`[[[[…` of 40,000 levels takes seconds), so deeper files are refused first.
///
/// Brackets are counted everywhere, even inside quotes and comments: this cannot be fooled by quoting tricks,
/// and a real spec never comes near the limit (users.yaml nests three levels deep).
enum NestingGuard {
    /// The most unclosed `[` and `{` allowed at any point of a file.
    static let maximumDepth = 1_000

    /// The 1-based line and column of the first bracket beyond ``maximumDepth``, if any.
    static func firstExcess(in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int)? {
        var depth = 0
        var line = 1
        var lineStart = 0
        for (offset, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maximumDepth {
                    let column = bytes[lineStart..<offset].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
                    return (line, column)
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
            case UInt8(ascii: "\n"):
                line += 1
                lineStart = offset + 1
            default:
                break
            }
        }
        return nil
    }
}
