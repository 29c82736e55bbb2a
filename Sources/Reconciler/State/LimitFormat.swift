public import Spec
import StatsSink

/// Data limits as people write them in users.yaml: `50 GiB`, `1.5 GB`, `unlimited`.
public enum LimitFormat {
    /// Units from the largest multiplier down, binary and SI mixed, as users.yaml accepts them.
    static let units: [(name: String, multiplier: UInt64)] = [
        ("TiB", 1 << 40), ("TB", 1_000_000_000_000), ("GiB", 1 << 30), ("GB", 1_000_000_000),
        ("MiB", 1 << 20), ("MB", 1_000_000), ("KiB", 1 << 10), ("KB", 1_000),
    ]

    /// The most digits an exact form may have (`10000 GiB`, `1.375 TB`): longer ones are approximated.
    static let maximumDigits = 6

    /// `limit` in the largest unit that writes it exactly in at most six digits, three of them decimals
    /// (`50 GiB`, `1.5 GB`, `1.25 KiB`); below 1 KB in bytes (`512 B`); otherwise approximately, with
    /// one decimal in binary units like `ByteCountFormat` (`1.3 GiB`). `unlimited` for no limit.
    public static func string(_ limit: DataLimit) -> String {
        guard let bytes = limit.byteCount else { return "unlimited" }
        return string(bytes: bytes)
    }

    /// A byte count that is a limit, written as ``string(_:)`` writes `.bytes(bytes)`.
    public static func string(bytes: UInt64) -> String {
        if bytes < 1_000 { return "\(bytes) B" }
        for unit in units where bytes >= unit.multiplier {
            if let number = exactNumber(bytes, multiplier: unit.multiplier) { return "\(number) \(unit.name)" }
        }
        return ByteCountFormat.string(bytes)
    }

    /// `bytes / multiplier` with at most three decimals and ``maximumDigits`` digits, or `nil`.
    private static func exactNumber(_ bytes: UInt64, multiplier: UInt64) -> String? {
        // remainder < 2^40, so remainder × 1000 cannot overflow.
        let remainder = bytes % multiplier
        guard (remainder * 1_000) % multiplier == 0 else { return nil }
        let text = "\(bytes / multiplier)\(DecimalText.fraction(remainder * 1_000 / multiplier, places: 3))"
        return text.utf8.count(where: { $0 != UInt8(ascii: ".") }) <= maximumDigits ? text : nil
    }
}
