import Foundation

/// The engine's git source, kept from tick to tick with its repository and remote handles (a new
/// remote each tick costs memory libgit2 1.5 does not give back). A new configuration makes a new
/// source; a failed fetch drops it, so the next tick opens the cache again from scratch.
final class GitSourceCache: @unchecked Sendable {
    private let lock = NSLock()
    private var current: (configuration: GitSourceConfiguration, source: GitSource)?

    /// The source for `configuration`, made on first use.
    func source(for configuration: GitSourceConfiguration) throws(GitSourceError) -> GitSource {
        lock.lock()
        defer { lock.unlock() }
        if let current, current.configuration == configuration { return current.source }
        let source = try GitSource(configuration)
        current = (configuration, source)
        return source
    }

    /// Drops the kept source.
    func forget() {
        lock.withLock { current = nil }
    }
}
