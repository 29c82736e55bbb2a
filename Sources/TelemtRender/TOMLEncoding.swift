import Foundation

/// Writing TOML text: keys (bare when safe, quoted otherwise) and basic strings.
public enum TOMLEncoding {
    /// `true` for a key that may be written bare: one or more of `A-Z a-z 0-9 _ -`.
    /// A dot is not bare-safe: `a.b` is a dotted key of two parts.
    public static func isBareKey(_ key: String) -> Bool {
        !key.isEmpty && allBytes(of: key, satisfy: isBareKeyByte)
    }

    /// `true` if every UTF-8 byte of `string` satisfies `predicate` (over contiguous storage when
    /// the string has it, which native strings do).
    @inline(__always)
    static func allBytes(of string: String, satisfy predicate: (UInt8) -> Bool) -> Bool {
        string.utf8.withContiguousStorageIfAvailable { $0.allSatisfy(predicate) } ?? string.utf8.allSatisfy(predicate)
    }

    static func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    /// `true` if `lhs` sorts before `rhs` by the bytes of their UTF-8 encodings (the renderer's
    /// key order).
    public static func precedesInByteOrder(_ lhs: String, _ rhs: String) -> Bool {
        let fast = lhs.utf8.withContiguousStorageIfAvailable { left in
            rhs.utf8.withContiguousStorageIfAvailable { right in compare(left, right) < 0 }
        }
        if let result = fast ?? nil { return result }
        var lhs = lhs
        var rhs = rhs
        return lhs.withUTF8 { left in rhs.withUTF8 { right in compare(left, right) < 0 } }
    }

    /// Three-way comparison of byte strings (negative, zero or positive), shorter first on a tie.
    @inline(__always)
    static func compare(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(left.count, right.count)
        if common > 0, let a = left.baseAddress, let b = right.baseAddress {
            let order = memcmp(a, b, common)
            if order != 0 { return Int(order) }
        }
        return left.count - right.count
    }

    /// Three-way comparison of two byte ranges of `bytes` (negative, zero or positive), the same
    /// order as ``precedesInByteOrder(_:_:)``.
    static func compareBytes(_ bytes: UnsafeBufferPointer<UInt8>, _ lhs: Range<Int>, _ rhs: Range<Int>) -> Int {
        compare(UnsafeBufferPointer(rebasing: bytes[lhs]), UnsafeBufferPointer(rebasing: bytes[rhs]))
    }

    /// The key as written in TOML: bare if safe, else a quoted basic string.
    public static func key(_ key: String) -> String {
        isBareKey(key) ? key : quoted(key)
    }

    /// A basic string literal with `"`, `\` and control characters escaped.
    public static func quoted(_ string: String) -> String {
        var out = "\""
        out.reserveCapacity(string.utf8.count + 2)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
