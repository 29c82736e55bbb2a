public import Foundation

/// The instants before which one retention run thins out stored traffic (see ``RetentionPolicy``).
///
/// The store aligns them: quarter hours are folded into hours only before a whole UTC hour, hourly
/// rows are deleted only before a whole UTC day and never before quarter hours are folded there.
public struct RetentionCutoffs: Sendable, Equatable {
    /// Raw per-scrape rows of scrapes before this are deleted.
    public var rawTraffic: Date
    /// Quarter-hour buckets before this are folded into hourly buckets.
    public var quarterHours: Date
    /// Hourly buckets before this are deleted (the daily roll-up keeps their bytes).
    public var hours: Date
    /// Scrape rows (system samples) before this are deleted once their raw rows are gone.
    public var scrapes: Date

    /// Creates cutoffs.
    public init(rawTraffic: Date, quarterHours: Date, hours: Date, scrapes: Date) {
        self.rawTraffic = rawTraffic
        self.quarterHours = quarterHours
        self.hours = hours
        self.scrapes = scrapes
    }
}
