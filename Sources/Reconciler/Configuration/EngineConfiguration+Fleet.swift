import Foundation

/// What `fleet` reads: the desired state at the branch, every node's committed status and how far
/// each applied revision is behind.
public struct FleetSnapshot: Sendable {
    /// The desired-state files of the tracked revision.
    public var files: DesiredFiles
    /// The tracked revision (a commit, or a digest of local files).
    public var revision: String
    /// Every node's `status/*.yaml` at the newest status commit.
    public var statusFiles: [DesiredFile]
    /// Desired-state commits between an applied revision and the tracked one, by applied revision.
    public var lags: [String: Int]
}

extension EngineConfiguration {
    /// The fleet's desired state and status files, read into a temporary cache (a daemon's own cache
    /// is never touched): for a repository, the status files at the tip of the status branch and
    /// each applied revision's lag; for a local directory, its `status/` files.
    public func readFleet() async throws(EngineError) -> FleetSnapshot {
        guard case .repository(let repo) = source else {
            let files = try await readDesiredFiles()
            return FleetSnapshot(files: files, revision: "local-" + DesiredInput.digest(files), statusFiles: files.status, lags: [:])
        }
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("telemt-gitops-fleet-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        do {
            var configuration = try repo.gitOptions(stateDirectory: cache).configuration()
            configuration.statusBranch = repo.statusBranch
            let source = try GitSource(configuration)
            let (_, revision) = try await source.fetchAndRead()
            let statusFiles = try await source.fleetStatusFiles()
            var lags: [String: Int] = [:]
            for file in statusFiles {
                guard let applied = try? NodeStatus(reading: file.bytes, file: file.path).applied?.revision else { continue }
                if let lag = await source.lag(of: applied, behind: revision.commit) { lags[applied] = lag }
            }
            return FleetSnapshot(files: DesiredFiles(revision: revision), revision: revision.commit.hex, statusFiles: statusFiles, lags: lags)
        } catch {
            throw EngineError(.source, path: RemoteURL.redact(repo.url), "\(error)")
        }
    }
}
