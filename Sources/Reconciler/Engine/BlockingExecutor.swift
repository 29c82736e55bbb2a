import Dispatch

/// A serial executor on a dispatch queue of its own, for an actor whose methods block (libgit2's
/// network calls wait up to their deadline): its jobs never occupy a thread of Swift's cooperative
/// pool, so the rest of the process (the daemon's HTTP side, other ticks) keeps running.
final class BlockingExecutor: SerialExecutor {
    private let queue: DispatchQueue
    private static let key = DispatchSpecificKey<String>()

    /// An executor whose jobs run one at a time on a queue named `label`.
    init(label: String) {
        queue = DispatchQueue(label: label)
        queue.setSpecific(key: Self.key, value: label)
    }

    /// The label of the executor whose job is running on this thread, if any.
    static var current: String? {
        DispatchQueue.getSpecific(key: key)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }
}
