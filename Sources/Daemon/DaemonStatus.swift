import Foundation

/// What the daemon is doing, shared by the reconcile loop (which writes it) and the HTTP side (which
/// reads it without waiting for anything else, so /healthz answers while a tick hangs on a remote).
/// Times are on a monotonic clock: a step of the wall clock does not make the daemon unready.
public final class DaemonStatus: @unchecked Sendable {
    /// The last tick as /readyz reports it.
    public struct Snapshot: Sendable, Equatable {
        /// Seconds on the monotonic clock when the last tick ended that kept the config current.
        public var lastSuccess: Double?
        /// The outcome of the last tick: `applied`, `unchanged` or `failed`.
        public var lastOutcome: String?
        /// The last failure's message, while ticks fail.
        public var lastError: String?
        /// The revision applied.
        public var revision: String?
        /// Users by state after the last full tick.
        public var usersByState: [String: Int] = [:]
        /// Whether a tick is running.
        public var ticking = false
        /// The fleet store's outage as the last tick saw it (`fleet store unreachable since …`), nil while it answers.
        public var fleetStore: String?
    }

    private let lock = NSLock()
    private var snapshot = Snapshot()
    private let clock: @Sendable () -> Double
    /// Ready while the last good tick is at most this many seconds old.
    public let readyWithin: Double

    /// Creates a status; `readyWithin` is N intervals (3, and at least a minute).
    public init(readyWithin: Double, clock: @escaping @Sendable () -> Double = DaemonStatus.monotonicSeconds) {
        self.readyWithin = readyWithin
        self.clock = clock
    }

    /// Seconds since an arbitrary start, on a clock that does not step and counts a paused VM's time.
    @Sendable public static func monotonicSeconds() -> Double {
        let now = ContinuousClock.now
        return LoopSchedule.seconds(now - Self.start)
    }

    private static let start = ContinuousClock.now

    /// The current snapshot.
    public var current: Snapshot { lock.withLock { snapshot } }

    /// Changes the snapshot.
    func update(_ change: (inout Snapshot) -> Void) {
        lock.withLock { change(&snapshot) }
    }

    /// Marks a tick that kept the config current.
    func succeeded() {
        let now = clock()
        update { $0.lastSuccess = now }
    }

    /// Whether the daemon is ready, and why (or why not), in words.
    public func readiness() -> (ready: Bool, reason: String) {
        let state = current, now = clock()
        guard let success = state.lastSuccess else {
            return (false, state.lastError.map { "no tick has succeeded yet: \($0)" } ?? "no tick has finished yet")
        }
        let age = now - success
        // An unreachable fleet store is said, not made unready: the host keeps serving and enforcing.
        let fleet = state.fleetStore.map { "; " + $0 } ?? ""
        if age <= readyWithin {
            return (true, "last good tick \(Int(age.rounded())) s ago; revision \(state.revision.map { String($0.prefix(12)) } ?? "?")" + fleet)
        }
        return (false, "the last good tick was \(Int(age.rounded())) s ago (more than \(Int(readyWithin)) s)" +
                (state.lastError.map { "; last error: \($0)" } ?? "") + fleet)
    }
}
