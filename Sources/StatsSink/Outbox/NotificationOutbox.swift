public import Foundation

/// The durable outbox of notifications: events go in once per cause, and come out once per sink,
/// in order, across restarts. The seam between the engine (which adds events) and the daemon's
/// dispatcher (which delivers them); the SQLite store implements it.
public protocol NotificationOutbox: Sendable {
    /// Adds the events whose keys are new, in one transaction; returns how many were new.
    func enqueue(_ events: [OutboxEvent]) async throws(StatsStoreError) -> Int
    /// Starts delivering to `sink`: a sink seen for the first time gets the events added from now
    /// on, not the ones before it existed. Registering again changes nothing.
    func registerSink(_ sink: String, at now: Date) async throws(StatsStoreError)
    /// The oldest events not yet delivered to (nor given up by) `sink`, in order.
    func pending(sink: String, limit: Int) async throws(StatsStoreError) -> [OutboxEntry]
    /// Records the delivery of event `id` to `sink`.
    func markDelivered(_ id: Int64, sink: String, at now: Date) async throws(StatsStoreError)
    /// Records a failed attempt: retried not before `retryAt`, or given up when it is nil.
    func markFailed(_ id: Int64, sink: String, error: String, retryAt: Date?, at now: Date) async throws(StatsStoreError)
    /// Events still to deliver, summed over `sinks`.
    func outboxDepth(sinks: [String]) async throws(StatsStoreError) -> Int
    /// The newest event of one of `kinds` on `node` (to pick up where a restarted daemon left off).
    func latestEvent(node: String, kinds: [String]) async throws(StatsStoreError) -> OutboxEvent?
    /// Deletes events created before `cutoff`, delivered or not; returns how many.
    func pruneOutbox(before cutoff: Date) async throws(StatsStoreError) -> Int
}
