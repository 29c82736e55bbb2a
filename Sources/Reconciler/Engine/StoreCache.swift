import Foundation
import StatsSink

/// The engine's stats store, opened (and migrated) once rather than on every tick, and again when
/// the file at its path is no longer the one opened (deleted, or replaced by a restore).
final class StoreCache: @unchecked Sendable {
    private struct Entry {
        var store: SQLiteStatsStore
        var identity: [Int]
    }

    private let lock = NSLock()
    private var entry: Entry?

    func open(_ path: String) throws(StatsStoreError) -> SQLiteStatsStore {
        let identity = Self.identity(path)
        if let store = lock.withLock({ entry?.store.path == path && entry?.identity == identity ? entry?.store : nil }) { return store }
        let opened = try SQLiteStatsStore(path: path)
        lock.withLock { entry = Entry(store: opened, identity: Self.identity(path)) }
        return opened
    }

    /// The database file's device and inode (not its size or times, which every write moves).
    private static func identity(_ path: String) -> [Int] {
        FileIdentity.of(path)?.file ?? []
    }
}
