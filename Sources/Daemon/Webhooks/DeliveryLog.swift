import Foundation

/// The delivery ids of the last verified webhooks (or their bodies' digests when the sender gives no
/// id), so that a replayed request is refused. Bounded: the oldest are forgotten first.
final class DeliveryLog: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: Set<String> = []
    private var order: [String] = []
    private var head = 0
    let capacity: Int

    init(capacity: Int = 4_096) {
        self.capacity = max(1, capacity)
    }

    /// Records `id`; false when it was seen before.
    func firstTime(_ id: String) -> Bool {
        firstTime([id])
    }

    /// Records all of `ids` (a delivery id and the body's digest); false, recording nothing, when
    /// any of them was seen before.
    func firstTime(_ ids: [String]) -> Bool {
        lock.withLock {
            guard !ids.contains(where: seen.contains) else { return false }
            for id in Set(ids) {
                seen.insert(id)
                if order.count < capacity {
                    order.append(id)
                } else {
                    seen.remove(order[head])
                    order[head] = id
                    head = (head + 1) % capacity
                }
            }
            return true
        }
    }
}
