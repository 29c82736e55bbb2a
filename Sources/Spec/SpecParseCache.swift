import Foundation

/// Spec files already parsed, kept by a long-running caller (the engine) between loads: a new
/// revision that changes one file of `users/*.yaml` parses that file again and reuses the others.
/// Entries are keyed by path and compared by content, so a cache never answers for other bytes;
/// files that are no longer loaded are dropped.
public final class SpecParseCache: @unchecked Sendable {
    struct Entry {
        var bytes: [UInt8]
        var document: ParsedDocument
        var log: DiagnosticLog
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    /// An empty cache.
    public init() {}

    /// The parse of `source` (its document and its own diagnostics) under `key` (its path, or a
    /// piece of it), from the cache when the bytes are the same.
    func parse(_ source: SpecSource, key: String, _ make: () -> (ParsedDocument, DiagnosticLog)) -> (ParsedDocument, DiagnosticLog) {
        if let hit = lock.withLock({ entries[key] }), hit.bytes == source.bytes { return (hit.document, hit.log) }
        let (document, log) = make()
        lock.withLock { entries[key] = Entry(bytes: source.bytes, document: document, log: log) }
        return (document, log)
    }

    /// How many parsed files or pieces are kept.
    var count: Int { lock.withLock { entries.count } }

    /// Drops the entries other than `keys`.
    func keep(_ keys: [String]) {
        let wanted = Set(keys)
        lock.withLock { entries = entries.filter { wanted.contains($0.key) } }
    }
}
