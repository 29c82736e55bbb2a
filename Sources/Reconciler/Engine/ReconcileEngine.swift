public import Foundation
import Spec
public import StatsSink
import TelemtRender

/// One reconcile tick as a function: read the desired state → validate → scrape and record →
/// evaluate every user → render → write when the bytes differ → confirm telemt's reload → status.
/// `reconcile --once` calls ``tick()`` once; the daemon calls it on every trigger; `plan` calls
/// ``plan()``, which does everything but write.
///
/// Never applies an invalid revision: the last good config keeps serving and the error is returned
/// and written to the status. One tick per state directory at a time (its lock).
public struct ReconcileEngine: Sendable {
    /// The host's settings.
    public var configuration: EngineConfiguration
    /// telemt's metrics and API; nil to run without telemt (CI, tests of the render path).
    public var telemt: (any TelemtObserver)?
    /// The clock states and periods are judged by.
    public var clock: @Sendable () -> Date
    /// Apply a revision that removes more than `max_removal` of the users.
    public var allowMassRemoval = false
    /// Seconds to wait for another process holding the state directory.
    public var lockWait: Double = 0
    /// Record this node although another installation recorded it last.
    public var takeOverNode = false
    /// The fleet's shared store (`store: postgres://…`): every scrape is also recorded there, and
    /// quotas add the other nodes' usage read from it. nil for one host (SQLite only).
    public var fleetStore: (any StatsStore)?
    /// How long one call to the fleet store may take before the tick goes on without it.
    public var fleetStoreTimeout: Duration = .seconds(10)
    /// The state machine (thresholds and expiring window from the configuration).
    public var machine: UserStateMachine
    /// The checked spec of the last revision, shared by the ticks of this engine.
    let cache = TickCache()
    /// Decoded state files, shared by the ticks of this engine.
    let files = DecodedFileCache()
    /// What the last clean tick judged, so that a tick with the same inputs has nothing to do.
    let memo = TickMemoSlot()
    /// The status lines of the last status, reused for users that did not change.
    let statusLines = StatusEntryCache()
    /// When the store was last pruned.
    let pruning = PruneSchedule()
    /// When this host last pruned the fleet store.
    let fleetPruning = PruneSchedule()
    /// The stats store, opened once.
    let stores = StoreCache()
    /// The git source, kept across ticks.
    let sources = GitSourceCache()
    /// The other nodes' usage as last read from the fleet store, and its health.
    let fleetMemory = FleetStoreMemory()

    /// Creates an engine.
    public init(configuration: EngineConfiguration, telemt: (any TelemtObserver)?, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.configuration = configuration
        self.telemt = telemt
        self.clock = clock
        let thresholds = configuration.thresholds.compactMap { UsageThreshold(fraction: $0) }
        machine = UserStateMachine(thresholds: thresholds.isEmpty ? UsageThreshold.defaults : thresholds,
                                   expiringWindow: TimeInterval(configuration.expiringWithin.components.seconds))
    }

    /// How the fleet store fared in the last tick (nil without one, or before the first tick).
    public var fleetStoreHealth: FleetStoreHealth? { fleetMemory.health }

    /// Runs one tick and writes the result; never throws: failures are in the report.
    public func tick() async -> TickReport {
        await run(write: true)
    }

    /// Everything a tick does except writing the config, the state and the status.
    public func plan() async -> TickReport {
        await run(write: false)
    }

    private func run(write: Bool) async -> TickReport {
        do throws(EngineError) {
            return try await TickRun(engine: self, write: write).run()
        } catch {
            return TickReport(outcome: .failed(error))
        }
    }
}
