import Foundation
import Spec
import Testing

/// The tests of `Sources/Reconciler/State`, one nested suite per source file, so that
/// `swift test --filter StateTests` runs them all.
@Suite enum StateTests {
    /// A zone that must exist on every test machine.
    static func zone(_ identifier: String) -> TimeZone {
        TimeZone(identifier: identifier)!
    }

    /// An RFC 3339 instant with its offset, such as `2026-11-30T23:59:59+03:00`.
    static func date(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)!
    }

    static let kib: UInt64 = 1 << 10
    static let mib: UInt64 = 1 << 20
    static let gib: UInt64 = 1 << 30
    static let moscow = zone("Europe/Moscow")
    static let utc = zone("UTC")
    /// 30 days, as `on_hold: 30d`.
    static let thirtyDays = SpecDuration(seconds: 30 * 86_400)

    /// `gibibytes` GiB, with fractions rounded to the byte.
    static func gib(_ gibibytes: Double) -> UInt64 {
        UInt64((gibibytes * Double(gib)).rounded())
    }
}
