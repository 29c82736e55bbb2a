/// Working space for one user's top-N selection, reused from user to user: once its buffers have
/// grown to the largest selection (groups × replicas), selecting allocates nothing.
struct SelectionScratch {
    private var draws: [UInt64] = []
    private var positions: [UInt16] = []
    private var scores: [Double] = []

    /// Appends to `slots` the first `replicas` nodes of the user's rendezvous order in `set`.
    mutating func select(userKey: UInt64, from set: CandidateSet, replicas: Int, into slots: inout [UInt16]) {
        guard let first = set.groups.first else { return }
        if set.groups.count == 1, replicas == 1 {
            slots.append(first.positions[Self.best(userKey: userKey, parts: first.parts)])
            return
        }
        let capacity = set.groups.count * replicas
        if draws.count < capacity {
            draws.append(contentsOf: repeatElement(0, count: capacity - draws.count))
            positions.append(contentsOf: repeatElement(0, count: capacity - positions.count))
            scores.append(contentsOf: repeatElement(0, count: capacity - scores.count))
        }
        draws.withUnsafeMutableBufferPointer { draws in
            positions.withUnsafeMutableBufferPointer { positions in
                scores.withUnsafeMutableBufferPointer { scores in
                    let candidates = Candidates(draws: draws.baseAddress!, positions: positions.baseAddress!, scores: scores.baseAddress!)
                    candidates.select(userKey: userKey, from: set, replicas: replicas, into: &slots)
                }
            }
        }
    }

    /// The index in `parts` (not empty) of the highest draw; of equal draws, the first.
    static func best(userKey: UInt64, parts: [UInt64]) -> Int {
        parts.withUnsafeBufferPointer { parts in
            var best = 0
            var bestDraw = RendezvousHash.draw(userKey: userKey, nodePart: parts[0])
            var index = 1
            while index < parts.count {
                let draw = RendezvousHash.draw(userKey: userKey, nodePart: parts[index])
                if draw > bestDraw {
                    bestDraw = draw
                    best = index
                }
                index += 1
            }
            return best
        }
    }
}

/// One user's candidates in the scratch buffers: each weight group's best draws, then, with more
/// than one group, their scores merged.
private struct Candidates {
    let draws: UnsafeMutablePointer<UInt64>
    let positions: UnsafeMutablePointer<UInt16>
    let scores: UnsafeMutablePointer<Double>

    func select(userKey: UInt64, from set: CandidateSet, replicas: Int, into slots: inout [UInt16]) {
        var count = 0
        for group in set.groups {
            let kept = collect(userKey: userKey, group: group, take: replicas, at: count)
            if set.groups.count > 1 {
                for candidate in count..<count + kept {
                    scores[candidate] = RendezvousHash.score(weight: group.weight, draw: draws[candidate])
                }
            }
            count += kept
        }
        if set.groups.count == 1 {
            for candidate in 0..<count { slots.append(positions[candidate]) }
        } else {
            merge(count: count, take: replicas, into: &slots)
        }
    }

    /// Keeps `group`'s best `take` nodes at `base`, by draw (highest first) then position (lowest
    /// first, as the group's positions ascend): an insertion pass, since `take` is small. Returns how many.
    private func collect(userKey: UInt64, group: WeightGroup, take: Int, at base: Int) -> Int {
        group.parts.withUnsafeBufferPointer { parts in
            let draws = self.draws + base, positions = self.positions + base
            var kept = 0
            for index in 0..<parts.count {
                let draw = RendezvousHash.draw(userKey: userKey, nodePart: parts[index])
                var slot = kept
                if kept == take {
                    guard draw > draws[kept - 1] else { continue }
                    slot = kept - 1
                } else {
                    kept += 1
                }
                while slot > 0, draw > draws[slot - 1] {
                    (draws[slot], positions[slot]) = (draws[slot - 1], positions[slot - 1])
                    slot -= 1
                }
                (draws[slot], positions[slot]) = (draw, group.positions[index])
            }
            return kept
        }
    }

    /// Appends the best `take` of `count` candidates by score, then draw, then position; a taken
    /// candidate's score becomes −∞ (real scores are above 0).
    private func merge(count: Int, take: Int, into slots: inout [UInt16]) {
        for _ in 0..<min(take, count) {
            var best = 0
            for candidate in 1..<count where precedes(candidate, best) { best = candidate }
            slots.append(positions[best])
            scores[best] = -.infinity
        }
    }

    /// Whether candidate `a` comes before `b`: higher score, then higher draw, then lower position.
    private func precedes(_ a: Int, _ b: Int) -> Bool {
        if scores[a] != scores[b] { return scores[a] > scores[b] }
        if draws[a] != draws[b] { return draws[a] > draws[b] }
        return positions[a] < positions[b]
    }
}
