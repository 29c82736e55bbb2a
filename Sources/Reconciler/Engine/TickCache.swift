import Foundation
import Spec

/// What one engine keeps between its ticks (the daemon calls ``ReconcileEngine/tick()`` again and
/// again): the checked spec of the last revision, so a tick with nothing new does not parse and
/// validate 100,000 users again. Keyed by the revision and a digest of the template.
final class TickCache: @unchecked Sendable {
    private struct Entry {
        var key: String
        var checked: CheckedDesiredState
    }

    private let lock = NSLock()
    private var entry: Entry?
    /// The spec files parsed for the last check, so a new revision parses only the files it changed.
    let parses = SpecParseCache()

    /// The cached check for `key`, or `make()`'s result, cached.
    func checked(_ key: String, _ make: () throws(EngineError) -> CheckedDesiredState) throws(EngineError) -> CheckedDesiredState {
        if let hit = lock.withLock({ entry?.key == key ? entry?.checked : nil }) { return hit }
        let value = try make()
        lock.withLock { entry = Entry(key: key, checked: value) }
        return value
    }

    /// Keeps `checked` for `key` with `template` as its template: after a tick wrote the config that
    /// is its own template (no telemt.toml in the repository), the next tick finds the check done.
    func seed(_ key: String, _ checked: CheckedDesiredState, template: [UInt8]) {
        var value = checked
        value.template = value.template.map { DesiredFile(path: $0.path, bytes: template) }
        lock.withLock { entry = Entry(key: key, checked: value) }
    }
}

/// telemt's config as read from disk, with its hash computed once.
struct DiskConfig: Sendable {
    var bytes: [UInt8]
    var sha256: String

    init(bytes: [UInt8], sha256: String? = nil) {
        self.bytes = bytes
        self.sha256 = sha256 ?? TickRun.sha256(bytes)
    }
}

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
