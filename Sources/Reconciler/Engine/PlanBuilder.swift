public import Foundation
public import Spec
import StatsSink

/// The domain diff of a plan, pure: the applied users (and their observations) against the
/// desired state at `now`. The host and CI call it with the same inputs and get the same lines.
public struct PlanBuilder: Sendable {
    /// The state machine deciding states before and after.
    public var machine: UserStateMachine
    /// The moment states are judged at.
    public var now: Date

    /// Creates a builder.
    public init(machine: UserStateMachine = UserStateMachine(), now: Date) {
        self.machine = machine
        self.now = now
    }

    /// Changes, sorted by user: `applied` is nil when nothing was applied yet (every user is new);
    /// `states` are the users' states as last applied (from `applied.tsv` on a host, the status file in
    /// CI); a user without one is judged by its applied spec at `now`. `evaluations`, when the caller
    /// has them, are the desired users' evaluations at `now`, in the spec's order.
    public func changes(applied: [UserSnapshot]?, states: [String: UserState] = [:], desired: DesiredState,
                        observations: [String: UserObservation], evaluations: [UserEvaluation]? = nil) -> [DomainChange] {
        var before = AlignedLookup(applied ?? [], name: \.name)
        let zone = desired.timeZone
        let evaluations = evaluations ?? machine.evaluate(desired, observations: observations, now: now)
        var changes: [DomainChange] = []
        for (position, (user, next)) in zip(desired.users, evaluations).enumerated() {
            guard let old = before.find(user.name, near: position) else {
                changes.append(DomainChange(.add, user.name, PlanWords.describe(user, zone: zone, state: next)))
                continue
            }
            let observation = observations[user.name] ?? UserObservation()
            let current = states[user.name] ?? machine.evaluate(old.spec, observation: observation, timeZone: zone, now: now).state
            changes += userChanges(old: old, new: user, current: current, next: next)
        }
        if let applied, applied.count + changes.lazy.filter({ $0.kind == .add }).count != desired.users.count {
            let names = Set(desired.users.map(\.name))
            changes += applied.lazy.map(\.name).filter { !names.contains($0) }.map { DomainChange(.remove, $0) }
        }
        return changes.sorted { ($0.user, $0.kind.rawValue) < ($1.user, $1.kind.rawValue) }
    }

    private func userChanges(old: UserSnapshot, new: UserSpec, current: UserState, next: UserEvaluation) -> [DomainChange] {
        let fresh = UserSnapshot(new)
        if fresh == old, current == next.state { return [] }
        var result: [DomainChange] = []
        if fresh.rotate != old.rotate || fresh.secretDigest != old.secretDigest {
            result.append(DomainChange(.rotate, new.name, "secret rotated: the old link stops working"))
        }
        let fields = PlanWords.fieldChanges(old: old, new: fresh, zone: next.timeZone)
        let stateChange = current != next.state ? (current.rawValue, next.state.rawValue) : nil
        let consequence = stateChange.map { _ in PlanWords.consequence(next) }
        if !fields.isEmpty {
            let detail = fields.joined(separator: ", ") + (consequence.map { ": \($0)" } ?? "")
            result.append(DomainChange(.change, new.name, detail, stateChange: stateChange))
        } else if let consequence, let stateChange {
            result.append(DomainChange(.state, new.name, consequence, stateChange: stateChange))
        }
        return result
    }

    /// `3 to add, 1 to change, 1 to remove, 2 state changes` (`no changes` when empty).
    public static func summary(_ changes: [DomainChange]) -> String {
        let count = { (kinds: Set<DomainChange.Kind>) in changes.filter { kinds.contains($0.kind) }.count }
        let states = changes.filter { $0.stateChange != nil }.count
        let parts = [(count([.add]), "to add"), (count([.change, .rotate]), "to change"), (count([.remove]), "to remove")]
            .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
            + (states > 0 ? ["\(states) state change\(states == 1 ? "" : "s")"] : [])
        return parts.isEmpty ? "no changes" : parts.joined(separator: ", ")
    }
}
