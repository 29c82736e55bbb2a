public import Spec

extension PlanBuilder {
    /// A plan change counted once per pair of plans, in the order of the pairs' sizes then names:
    /// `12 users move basic → pro`, `1 user moves (no plan) → basic`. Users added or removed are not
    /// moves; nil `applied` (nothing applied yet) gives none.
    public static func planMoves(applied: [UserSnapshot]?, desired: DesiredState) -> [String] {
        guard let applied, !desired.plans.isEmpty || applied.contains(where: { $0.plan != nil }) else { return [] }
        var before = AlignedLookup(applied, name: \.name)
        var counts: [PlanPair: Int] = [:]
        for (position, user) in desired.users.enumerated() {
            guard let old = before.find(user.name, near: position), old.plan != user.plan else { continue }
            counts[PlanPair(from: old.plan, to: user.plan), default: 0] += 1
        }
        return counts.sorted { ($1.value, $0.key.from ?? "", $0.key.to ?? "") < ($0.value, $1.key.from ?? "", $1.key.to ?? "") }.map { pair, count in
            "\(count) user\(count == 1 ? " moves" : "s move") \(pair.from ?? "(no plan)") → \(pair.to ?? "(no plan)")"
        }
    }
}

/// A user's plan before and after.
struct PlanPair: Hashable {
    var from: String?
    var to: String?
}
