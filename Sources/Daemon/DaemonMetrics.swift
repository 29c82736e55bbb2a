import CoreMetrics
import Foundation
public import Prometheus

/// The daemon's own metrics, through swift-metrics into a Prometheus registry that `/metrics` prints.
/// Made with an explicit factory, never the process-wide one, so that tests can run several daemons.
public struct DaemonMetrics: Sendable {
    /// The registry `/metrics` prints.
    public let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    private let revisions = RevisionGauge()
    private let recorded = SaturatingTotal()

    /// Creates metrics in a new registry.
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [.milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(250),
                                                  .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10), .seconds(30), .seconds(60)]
        self.factory = factory
    }

    /// A tick ended: its result (`applied`, `unchanged`, `failed`) and duration.
    func tick(result: String, duration: Duration) {
        CoreMetrics.Counter(label: "telemt_gitops_ticks_total", dimensions: [("result", result)], factory: factory).increment()
        CoreMetrics.Timer(label: "telemt_gitops_tick_duration_seconds", dimensions: [], factory: factory).recordNanoseconds(duration.nanoseconds)
        if result != "failed" {
            CoreMetrics.Gauge(label: "telemt_gitops_last_success_timestamp_seconds", dimensions: [], factory: factory).record(Date().timeIntervalSince1970)
        }
    }

    /// The revision applied: one series with value 1, the previous one removed.
    func applied(revision: String) {
        revisions.set(String(revision.prefix(12)), factory: factory)
    }

    /// Users by state after a full tick.
    func users(_ byState: [String: Int]) {
        for state in ["active", "limited", "expired", "disabled", "on_hold"] {
            CoreMetrics.Gauge(label: "telemt_gitops_users", dimensions: [("state", state)], factory: factory).record(Double(byState[state] ?? 0))
        }
    }

    /// What a tick's scrape did: bytes recorded, or an error.
    func scrape(bytes: UInt64, failed: Bool) {
        if failed { CoreMetrics.Counter(label: "telemt_gitops_scrape_errors_total", dimensions: [], factory: factory).increment() }
        // The counter's Int64 wraps past 2^63 − 1; it stops there instead (a total that went back
        // would read as a reset).
        CoreMetrics.Counter(label: "telemt_gitops_recorded_bytes_total", dimensions: [], factory: factory).increment(by: recorded.add(bytes))
    }

    /// Events still to deliver.
    /// The fleet store: scrapes waiting in the spool, and whether the store answered the last tick.
    func fleetStore(spooled: Int, reachable: Bool) {
        CoreMetrics.Gauge(label: "telemt_gitops_fleet_store_spooled_scrapes", dimensions: [], factory: factory).record(Double(spooled))
        CoreMetrics.Gauge(label: "telemt_gitops_fleet_store_up", dimensions: [], factory: factory).record(reachable ? 1 : 0)
    }

    func outbox(depth: Int) {
        CoreMetrics.Gauge(label: "telemt_gitops_outbox_depth", dimensions: [], factory: factory).record(Double(depth))
    }

    /// A delivery attempt to a sink: `delivered`, `retry` or `dropped`.
    func notification(sink: String, result: String) {
        CoreMetrics.Counter(label: "telemt_gitops_notifications_total", dimensions: [("sink", sink), ("result", result)], factory: factory)
            .increment()
    }

    /// A webhook request's result (`accepted`, `ignored`, `unsigned`, `bad_signature`, `too_large`, `replayed`, `bad_request`, `disabled`).
    func webhook(result: String) {
        CoreMetrics.Counter(label: "telemt_gitops_webhooks_total", dimensions: [("result", result)], factory: factory).increment()
    }

    /// The registry in Prometheus's text format.
    public func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }
}

/// `telemt_gitops_applied_revision{revision="…"} 1`, keeping one series.
private final class RevisionGauge: @unchecked Sendable {
    private let lock = NSLock()
    private var current: (revision: String, gauge: CoreMetrics.Gauge)?

    func set(_ revision: String, factory: PrometheusMetricsFactory) {
        lock.withLock {
            guard current?.revision != revision else { return }
            current?.gauge.destroy()
            let gauge = CoreMetrics.Gauge(label: "telemt_gitops_applied_revision", dimensions: [("revision", revision)], factory: factory)
            gauge.record(1)
            current = (revision, gauge)
        }
    }
}

/// A running total that stops at `Int64.max`: `add` returns how much of an amount still fits.
private final class SaturatingTotal: @unchecked Sendable {
    private let lock = NSLock()
    private var total: Int64 = 0

    func add(_ amount: UInt64) -> Int64 {
        lock.withLock {
            let step = Int64(clamping: min(amount, UInt64(Int64.max - total)))
            total += step
            return step
        }
    }
}

extension Duration {
    /// Whole nanoseconds, saturating.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : whole &+ attoseconds / 1_000_000_000
    }
}
