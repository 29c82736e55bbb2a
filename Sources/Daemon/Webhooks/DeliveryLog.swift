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
        lock.withLock {
            guard seen.insert(id).inserted else { return false }
            if order.count < capacity {
                order.append(id)
            } else {
                seen.remove(order[head])
                order[head] = id
                head = (head + 1) % capacity
            }
            return true
        }
    }
}
