public import Foundation

/// The source of "now" for scrapes and usage queries; a seam so tests control time.
public protocol StatsClock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The host's wall clock.
public struct SystemClock: StatsClock {
    /// Creates the system clock.
    public init() {}

    /// The current instant from `Date()`.
    public func now() -> Date { Date() }
}
