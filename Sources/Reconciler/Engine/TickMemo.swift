import Foundation
import Spec
import StatsSink

/// What a tick that applied cleanly leaves for the next tick of the same engine: the inputs it
/// judged (revision, template, key, the config on disk, the store's usage version, the current
/// periods, telemt's identity) and until when its evaluations hold. A tick that finds the same
/// inputs before that instant has nothing to do: evaluations change only at their `nextChange` or
/// with new inputs (``UserEvaluation``), so it skips evaluating, rendering and the status.
struct TickMemo: Sendable, Equatable {
    /// The inputs, as comparable text.
    var key: [String]
    /// The instant the evaluations were made; a clock set back before it voids the memo.
    var evaluatedAt: Date
    /// The soonest user state change, or the status heartbeat's hour, whichever is first.
    var validUntil: Date
    /// The soonest user state change, for the report.
    var nextChange: Date?
    /// The plan's warnings, which depend only on the inputs.
    var warnings: [String]
    /// When telemt started, as last scraped: a restart (a start a minute or more away) voids the memo.
    var telemtStarted: Date?

    /// Whether the memo answers for `key` at `now`, with telemt started at `started`.
    func holds(for key: [String], at now: Date, telemtStarted started: Date?) -> Bool {
        guard self.key == key, now >= evaluatedAt, now < validUntil else { return false }
        switch (telemtStarted, started) {
        case (nil, nil): return true
        case let (before?, after?): return abs(after.timeIntervalSince(before)) < 60
        default: return false
        }
    }
}

/// The engine's slot for the last ``TickMemo``: taken at the start of every writing tick and put
/// back only by one that ended cleanly, so a failure always leads to a full tick.
final class TickMemoSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var memo: TickMemo?

    func take() -> TickMemo? {
        lock.withLock {
            defer { memo = nil }
            return memo
        }
    }

    func put(_ value: TickMemo?) {
        lock.withLock { memo = value }
    }
}
