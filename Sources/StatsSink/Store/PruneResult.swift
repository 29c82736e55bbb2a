/// What one retention run removed. No total changes: daily roll-ups and lifetime totals are kept.
public struct PruneResult: Sendable, Equatable {
    /// Raw per-scrape rows deleted.
    public var rawRows: Int
    /// Quarter-hour rows folded into hourly rows (and deleted).
    public var quarterRows: Int
    /// Hourly rows deleted.
    public var hourlyRows: Int
    /// Scrape rows (system samples) deleted.
    public var scrapes: Int

    /// Creates a result.
    public init(rawRows: Int = 0, quarterRows: Int = 0, hourlyRows: Int = 0, scrapes: Int = 0) {
        self.rawRows = rawRows
        self.quarterRows = quarterRows
        self.hourlyRows = hourlyRows
        self.scrapes = scrapes
    }
}
