import Foundation

/// The last decoded copy of a state file, reused while the file's identity (``FileIdentity``: device,
/// inode, size, modification and change times, through symbolic links) is unchanged: `applied.tsv`,
/// the status file and the config of 100,000 users take long to read and decode. A file changed in
/// the last two seconds is decoded but not kept.
final class DecodedFileCache: @unchecked Sendable {
    private struct Entry {
        var identity: FileIdentity
        var value: any Sendable
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    /// The value decoded from `path`, from the cache when the file did not change.
    func value<T: Sendable>(_ path: String, decode: () -> T?) -> T? {
        guard let identity = FileIdentity.of(path) else { return nil }
        if let hit = lock.withLock({ entries[path] }), hit.identity == identity, let value = hit.value as? T { return value }
        guard let value = decode() else { return nil }
        if !identity.isRecent(), FileIdentity.of(path) == identity {
            lock.withLock { entries[path] = Entry(identity: identity, value: value) }
        } else {
            lock.withLock { _ = entries.removeValue(forKey: path) }
        }
        return value
    }

    /// Remembers `value` as the decoded copy of `path`, just written by this process.
    func remember<T: Sendable>(_ path: String, _ value: T) {
        guard let identity = FileIdentity.of(path) else { return }
        lock.withLock { entries[path] = Entry(identity: identity, value: value) }
    }
}
