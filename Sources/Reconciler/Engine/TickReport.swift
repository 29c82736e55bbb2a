public import Foundation

/// What one tick did, for the command line, the daemon and its notifications.
public struct TickReport: Sendable {
    /// How the tick ended.
    public enum Outcome: Sendable, Equatable {
        /// The config on disk already matched.
        case unchanged
        /// A new config was written.
        case applied
        /// Nothing was applied; the last good config keeps serving.
        case failed(EngineError)
    }

    /// How it ended.
    public var outcome: Outcome
    /// The revision read (commit, or a digest of the local files).
    public var revision: String?
    /// The plan of what was (or would be) done.
    public var plan: Plan?
    /// Transitions, thresholds and expiries for the notifier.
    public var events: [UserEvent] = []
    /// Drift found and healed.
    public var drift: DriftReport?
    /// Settings whose change needs a telemt restart.
    public var restartNeeded: [String] = []
    /// Whether telemt confirmed the reload.
    public var reload: NodeStatus.Telemt.Reload = .unchanged
    /// The soonest instant a user's state changes without new traffic (what a loop sleeps until).
    public var nextChange: Date?
    /// Notes for the operator (scrape failures, status write-back, users beyond 4,096).
    public var notes: [String] = []
    /// Where the status went: a commit, a file, or nil when unchanged.
    public var statusWritten: String?
    /// What the tick could not reach and worked around (`git remote`: the last fetched revision was
    /// used; `telemt`: states use the traffic recorded so far). A loop retries sooner while this holds.
    public var unreachable: [String] = []
    /// Bytes this tick's scrape added to the store (0 without a scrape).
    public var recordedBytes: UInt64 = 0
    /// Users by state (`active`, `limited`, …) after a full tick; empty when a memo stood in.
    public var usersByState: [String: Int] = [:]
    /// The commit the status was pushed as, when it was (a webhook for it is this host's own push).
    public var statusCommit: String?
    /// How long each step took, in order.
    public var steps: [TickStep] = []

    /// Creates a report.
    public init(outcome: Outcome, revision: String? = nil) {
        self.outcome = outcome
        self.revision = revision
    }
}
