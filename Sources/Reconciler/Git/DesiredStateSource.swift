/// Where the reconciler gets its desired state from and writes its status back to. ``GitSource`` is the
/// real one; reconcile tests can substitute a fake.
public protocol DesiredStateSource: Sendable {
    /// Resolves the tracked ref on the remote and brings its objects into the cache.
    func fetch() async throws -> FetchResult
    /// Reads the desired state at `commit` (which a previous fetch brought into the cache).
    func read(_ commit: CommitID) async throws -> DesiredRevision
    /// Commits `status/<node>.yaml` with `contents` and pushes it; nothing is committed when unchanged.
    func writeStatus(node: String, contents: [UInt8]) async throws -> StatusWriteResult
}

extension DesiredStateSource {
    /// Fetches, then reads the desired commit the fetch resolved.
    public func fetchAndRead() async throws -> (fetch: FetchResult, revision: DesiredRevision) {
        let result = try await fetch()
        return (result, try await read(result.desiredCommit))
    }
}
