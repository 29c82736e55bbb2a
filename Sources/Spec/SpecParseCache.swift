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

    /// The parse of `source` (its document and its own diagnostics), from the cache when the bytes are the same.
    func parse(_ source: SpecSource, _ make: () -> (ParsedDocument, DiagnosticLog)) -> (ParsedDocument, DiagnosticLog) {
        if let hit = lock.withLock({ entries[source.path] }), hit.bytes == source.bytes { return (hit.document, hit.log) }
        let (document, log) = make()
        lock.withLock { entries[source.path] = Entry(bytes: source.bytes, document: document, log: log) }
        return (document, log)
    }

    /// Drops the entries of files other than `paths`.
    func keep(_ paths: [String]) {
        let wanted = Set(paths)
        lock.withLock { entries = entries.filter { wanted.contains($0.key) } }
    }
}
