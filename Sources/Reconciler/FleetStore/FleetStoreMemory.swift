import Foundation

/// What an engine remembers of the fleet store between ticks: the other nodes' usage as last read
/// (loaded from the state file on first use) and the last tick's health. Its ``version`` enters the
/// tick memo's key, so new usage from other nodes, an outage or its end makes a full tick.
final class FleetStoreMemory: @unchecked Sendable {
    private let lock = NSLock()
    private var usage: OtherNodesUsage?
    private var lastHealth: FleetStoreHealth?
    private var generation = 0
    private var persistedAsOf: Date?
    private var lastRecording: (at: Date, failed: Bool, spooled: Int)?

    /// The other nodes' usage, read from `<directory>/fleet-usage.tsv` the first time.
    func usage(stateDirectory directory: String) -> OtherNodesUsage {
        if let usage = lock.withLock({ usage }) { return usage }
        let path = (directory as NSString).appendingPathComponent(OtherNodesUsage.fileName)
        let loaded = FileManager.default.contents(atPath: path).flatMap { OtherNodesUsage(encoded: Array($0)) } ?? OtherNodesUsage()
        lock.withLock { if usage == nil { usage = loaded } }
        return loaded
    }

    /// The usage as last read, if loaded.
    var current: OtherNodesUsage? { lock.withLock { usage } }

    /// Keeps `usage` and `health`; true when the state file should be written: the usage or the
    /// outage changed, or the file's `asOf` is more than five minutes old.
    @discardableResult
    func keep(_ usage: OtherNodesUsage, health: FleetStoreHealth) -> Bool {
        lock.withLock {
            var stamped = usage
            stamped.asOf = self.usage?.asOf
            let changed = self.usage != stamped
            if changed || lastHealth?.summary != health.summary { generation += 1 }
            self.usage = usage
            lastHealth = health
            let stale = usage.asOf.map { asOf in persistedAsOf.map { asOf.timeIntervalSince($0) > 300 } ?? true } ?? false
            if changed || stale { persistedAsOf = usage.asOf }
            return changed || stale
        }
    }

    /// The last tick's health, if a tick with a fleet store ran.
    var health: FleetStoreHealth? { lock.withLock { lastHealth } }

    /// Notes what recording into the store did in the tick of `at`.
    func recorded(at: Date, failed: Bool, spooled: Int) {
        lock.withLock { lastRecording = (at, failed, spooled) }
    }

    /// What recording did in the tick of `at`, if it recorded.
    func recording(at: Date) -> (failed: Bool, spooled: Int)? {
        lock.withLock { lastRecording.flatMap { $0.at == at ? ($0.failed, $0.spooled) : nil } }
    }

    /// Changes whenever the usage or the outage's summary did.
    var version: String { lock.withLock { "fleet \(generation)" } }
}
