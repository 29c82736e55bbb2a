/// How long one step of a tick took, for the daemon's metrics and the tick benchmark.
public struct TickStep: Sendable, Equatable {
    /// The step: `read`, `check`, `scrape`, `observe`, `evaluate`, `render`, `plan`, `write`, `status`.
    public var name: String
    /// Its wall-clock duration.
    public var duration: Duration

    /// Creates a step.
    public init(name: String, duration: Duration) {
        self.name = name
        self.duration = duration
    }
}

/// Laps of a monotonic clock: each ``lap(_:)`` records the time since the previous one.
struct StepTimer {
    private let clock = ContinuousClock()
    private var last: ContinuousClock.Instant
    private(set) var steps: [TickStep] = []

    init() { last = clock.now }

    /// Records the time since the previous lap as step `name`.
    mutating func lap(_ name: String) {
        let now = clock.now
        steps.append(TickStep(name: name, duration: now - last))
        last = now
    }
}
