import Foundation

/// What an engine remembers of the fleet store between ticks: the other nodes' usage as last read
/// (loaded from the state file on first use) and the last tick's health. Its ``version`` enters the
/// tick memo's key, so new usage from other nodes, an outage or its end makes a full tick.
final class FleetStoreMemory: @unchecked Sendable {
    private let lock = NSLock()
    private var usage: OtherNodesUsage?
    private var lastHealth: FleetStoreHealth?
    private var generation = 0
    /// What the state file holds, as far as this engine wrote it.
    private var written: OtherNodesUsage?
    private var lastRecording: (at: Date, failed: Bool, spooled: Int)?

    /// The other nodes' usage, read from `<directory>/fleet-usage.tsv` the first time.
    func usage(stateDirectory directory: String) -> OtherNodesUsage {
        if let usage = lock.withLock({ usage }) { return usage }
        let path = (directory as NSString).appendingPathComponent(OtherNodesUsage.fileName)
        let loaded = FileManager.default.contents(atPath: path).flatMap { OtherNodesUsage(encoded: Array($0)) } ?? OtherNodesUsage()
        lock.withLock {
            if usage == nil { usage = loaded }
            if written == nil { written = loaded }
        }
        return loaded
    }

    /// Keeps `usage` and `health`; true when a writing tick should write the state file (then it
    /// calls ``persisted(_:)``): the usage or the outage differs from the file's, or the file's `asOf`
    /// is more than five minutes old.
    @discardableResult
    func keep(_ usage: OtherNodesUsage, health: FleetStoreHealth) -> Bool {
        lock.withLock {
            var stamped = usage
            stamped.asOf = self.usage?.asOf
            if self.usage != stamped || lastHealth?.summary != health.summary { generation += 1 }
            self.usage = usage
            lastHealth = health
            guard let written else { return true }
            var unstamped = usage
            unstamped.asOf = written.asOf
            let stale = switch (usage.asOf, written.asOf) {
            case let (read?, file?): read.timeIntervalSince(file) > 300
            case (.some, nil): true
            default: false
            }
            return unstamped != written || stale
        }
    }

    /// Notes that the state file now holds `usage`.
    func persisted(_ usage: OtherNodesUsage) {
        lock.withLock { written = usage }
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
