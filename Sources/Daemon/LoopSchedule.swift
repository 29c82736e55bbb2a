public import Foundation
public import Reconciler

/// When the reconcile loop ticks next, and what it must tell the operator, as a value: each method
/// takes what happened and returns what to do. No clock and no I/O, so tests drive it with instants.
///
/// - A clean tick sleeps the interval (with jitter), or less when a user's state changes sooner.
/// - A tick that worked around something unreachable (the remote, telemt) retries sooner, with
///   exponential backoff, but never later than the interval: quotas and expiries stay enforced.
/// - A failed tick: `stalled` and `waiting` failures (a bad revision, a missing key) wait the interval
///   (a new commit, a webhook or SIGHUP may fix them); `transient` ones back off exponentially up to
///   ``Settings/maxBackoff``.
/// - The first failure of a run of failures says "failing" once; the first success after says "recovered".
public struct LoopSchedule: Sendable, Equatable {
    /// The knobs.
    public struct Settings: Sendable, Equatable {
        /// Time between ticks.
        public var interval: Duration
        /// Spread of the interval, as a share (0.1: ±10 %), so that hosts do not tick together.
        public var jitter: Double = 0.1
        /// The first retry after a failure.
        public var firstBackoff: Duration = .seconds(1)
        /// The longest wait between retries of a failing tick.
        public var maxBackoff: Duration = .seconds(300)

        /// Creates settings.
        public init(interval: Duration) {
            self.interval = interval
        }
    }

    /// How a tick went, as the schedule needs it.
    public enum Result: Sendable, Equatable {
        /// Everything was reached.
        case succeeded
        /// It worked, around something unreachable.
        case degraded(unreachable: [String])
        /// Nothing was applied.
        case failed(EngineError.Reaction, message: String)
    }

    /// What to tell the operator.
    public enum Notice: Sendable, Equatable {
        /// Ticks started failing.
        case failing(message: String, since: Date)
        /// Ticks succeed again after `failures` failed ones since `since`.
        case recovered(since: Date, failures: Int)
    }

    /// What to do next.
    public struct Next: Sendable, Equatable {
        /// How long to sleep before the next tick (a trigger may come sooner).
        public var sleep: Duration
        /// Why that tick will run.
        public var reason: TickTrigger
        /// A notice to send, if any.
        public var notice: Notice?
    }

    /// The knobs.
    public var settings: Settings
    /// Consecutive ticks that failed or worked around something.
    public private(set) var failures = 0
    /// Since when ticks fail (nil while they succeed).
    public private(set) var failingSince: Date?
    /// Failed ticks of the current run of failures (a run carried over a restart counts as one).
    public private(set) var failedTicks = 0

    /// Creates a schedule; `failingSince` carries on a run of failures from before a restart.
    public init(settings: Settings, failingSince: Date? = nil) {
        self.settings = settings
        self.failingSince = failingSince
        failedTicks = failingSince == nil ? 0 : 1
    }

    /// What to do after a tick that ended `result` at `now`; `nextChange` is the soonest state
    /// change, `random` a number in 0..<1 for the jitter.
    public mutating func finished(_ result: Result, nextChange: Date?, at now: Date, random: Double) -> Next {
        let interval = jittered(settings.interval, random)
        switch result {
        case .succeeded, .degraded:
            let notice = failingSince.map { Notice.recovered(since: $0, failures: failedTicks) }
            failingSince = nil
            failedTicks = 0
            if case .degraded = result { failures += 1 } else { failures = 0 }
            var next = wake(interval, nextChange: nextChange, now: now)
            if failures > 0, backoff(random) < next.sleep { next = Next(sleep: backoff(random), reason: .retry) }
            next.notice = notice
            return next
        case .failed(let reaction, let message):
            failures += 1
            failedTicks += 1
            let notice = failingSince == nil ? Notice.failing(message: message, since: now) : nil
            failingSince = failingSince ?? now
            let sleep = reaction == .transient ? backoff(random) : interval
            return Next(sleep: sleep, reason: .retry, notice: notice)
        }
    }

    /// The interval, or less when a state changes sooner (half a second after it, so the tick sees it).
    private func wake(_ interval: Duration, nextChange: Date?, now: Date) -> Next {
        guard let nextChange else { return Next(sleep: interval, reason: .interval) }
        let until = Duration.milliseconds(Int64(max(0, nextChange.timeIntervalSince(now)) * 1_000) + 500)
        return until < interval ? Next(sleep: until, reason: .stateChange) : Next(sleep: interval, reason: .interval)
    }

    /// The backoff after ``failures`` failures: 1 s, 2 s, 4 s, … up to the maximum, with jitter.
    func backoff(_ random: Double) -> Duration {
        let exponent = min(max(failures - 1, 0), 30)
        let seconds = min(Self.seconds(settings.firstBackoff) * Double(1 << exponent), Self.seconds(settings.maxBackoff))
        return jittered(.milliseconds(Int64(seconds * 1_000)), random)
    }

    private func jittered(_ duration: Duration, _ random: Double) -> Duration {
        let factor = 1 + settings.jitter * (2 * min(max(random, 0), 1) - 1)
        return .milliseconds(Int64(Self.seconds(duration) * factor * 1_000))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
