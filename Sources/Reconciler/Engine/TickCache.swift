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
    /// The other nodes' status files of a fleet, parsed.
    let statuses = FleetStatusCache()

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
