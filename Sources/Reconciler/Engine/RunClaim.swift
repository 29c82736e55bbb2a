import Foundation

/// A daemon's hold on its state directory for its whole life (`flock` on `<state_dir>/run.lock`):
/// a second `run` on the same directory refuses to start. Ticks still take the directory's own lock
/// each time, so a `reconcile --once` beside the daemon waits its turn instead of racing it.
public final class RunClaim: Sendable {
    private let lock: StateDirectoryLock

    /// Claims `configuration`'s state directory (creating it), or says who holds it.
    public init(_ configuration: EngineConfiguration) throws(EngineError) {
        let state = try StateDirectory(configuration.stateDirectory)
        lock = try StateDirectoryLock(directory: state.path, wait: 0, name: "run.lock", activity: "runs as a daemon on")
    }
}
