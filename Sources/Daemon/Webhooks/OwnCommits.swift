import Foundation

/// The status commits this daemon pushed lately: a webhook announcing one of them is its own echo.
public final class OwnCommits: @unchecked Sendable {
    private let lock = NSLock()
    private var commits: [String] = []

    /// Creates an empty list.
    public init() {}

    /// Remembers a pushed commit (the last 32 are kept).
    func add(_ commit: String) {
        lock.withLock {
            commits.append(commit.lowercased())
            if commits.count > 32 { commits.removeFirst() }
        }
    }

    /// Whether `commit` is one of them.
    func contains(_ commit: String) -> Bool {
        lock.withLock { commits.contains(commit.lowercased()) }
    }
}
