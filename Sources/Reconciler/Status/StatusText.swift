public import Foundation
public import Spec
import TelemtRender

/// The words the status file writes values in, shared by its writer and reader.
public enum StatusText {
    /// A limit as users.yaml would write it: `unlimited`, `50 GiB`, `1500 MB`, or bytes.
    public static func limit(_ limit: DataLimit) -> String {
        guard let bytes = limit.byteCount else { return "unlimited" }
        let units: [(String, UInt64)] = [("TiB", 1 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10),
                                         ("TB", 1_000_000_000_000), ("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1_000)]
        for (name, size) in units where bytes >= size && bytes % size == 0 { return "\(bytes / size) \(name)" }
        return "\(bytes) B"
    }

    /// An instant in UTC: `2026-12-02T10:00:00Z`.
    public static func instant(_ date: Date) -> String {
        instant(date, offsetSeconds: 0)
    }

    /// An instant with a fixed offset: `2026-12-01T00:00:00+03:00` (`Z` for zero). Built without
    /// `String(format:)`: a status file of 100,000 users writes a few hundred thousand of these.
    public static func instant(_ date: Date, offsetSeconds: Int) -> String {
        let base = TOMLDateTime.utcString(date.addingTimeInterval(TimeInterval(offsetSeconds)))
        guard offsetSeconds != 0 else { return base }
        let magnitude = abs(offsetSeconds)
        let two = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return String(base.dropLast()) + (offsetSeconds < 0 ? "-" : "+") + two(magnitude / 3_600) + ":" + two(magnitude / 60 % 60)
    }

    /// Parses what ``instant(_:offsetSeconds:)`` writes.
    public static func parseInstant(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20 || bytes.count == 25 else { return nil }
        func number(_ range: Range<Int>) -> Int? { Int(String(decoding: bytes[range], as: UTF8.self)) }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
              let minute = number(14..<16), let second = number(17..<19), (1...12).contains(month), (1...31).contains(day) else { return nil }
        var offset = 0
        if bytes.count == 25 {
            guard let hours = number(20..<22), let minutes = number(23..<25) else { return nil }
            offset = (hours * 3_600 + minutes * 60) * (bytes[19] == UInt8(ascii: "-") ? -1 : 1)
        } else if bytes[19] != UInt8(ascii: "Z") {
            return nil
        }
        let days = TOMLDateTime.daysFromCivil(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3_600 + minute * 60 + second - offset))
    }

    /// `text` as a YAML double-quoted scalar.
    static func quoted(_ text: String) -> String { JSONValue.quoted(text) }

    /// A user name as a YAML key: plain when YAML would read it back as the same string.
    private static let reservedKeys: Set<String> = ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"]

    static func key(_ name: String) -> String {
        let plain = name.first.map { $0.isLetter || $0 == "_" } == true && (name.utf8.count > 5 || !reservedKeys.contains(name.lowercased()))
        return plain ? name : quoted(name)
    }
}
