import Crypto
import Foundation
import Spec
import TelemtRender

/// The desired state a tick works on: its files, its revision and, for a repository, the git
/// source that writes the status back.
struct DesiredInput {
    var files: DesiredFiles
    var revision: String
    var source: GitSource?
    var notes: [String] = []
    /// The remote could not be reached and the last fetched revision stands in.
    var offline = false

    /// Reads the configured source: fetches the repository into `<state_dir>/git`, or reads the local directory.
    static func read(_ configuration: EngineConfiguration, state: StateDirectory, sources: GitSourceCache) async throws(EngineError) -> DesiredInput {
        switch configuration.source {
        case .directory(let path):
            let files: DesiredFiles
            do { files = try await BlockingWork.run { try LocalDesiredReader().read(path) } } catch {
                throw EngineError(.source, path: path, "\(error)", hint: "check `spec` (--spec)")
            }
            return DesiredInput(files: files, revision: "local-" + digest(files), source: nil)
        case .repository(let repo):
            return try await fetch(repo, state: state, sources: sources)
        }
    }

    private static func fetch(_ repo: EngineConfiguration.RepositorySettings, state: StateDirectory,
                              sources: GitSourceCache) async throws(EngineError) -> DesiredInput {
        let options = repo.gitOptions(stateDirectory: URL(fileURLWithPath: state.path))
        let source: GitSource
        do {
            var configuration = try options.configuration()
            configuration.statusBranch = repo.statusBranch
            source = try sources.source(for: configuration)
        } catch {
            throw EngineError(.source, path: RemoteURL.redact(repo.url), "\(error)")
        }
        do {
            let (_, revision) = try await source.fetchAndRead()
            return DesiredInput(files: DesiredFiles(revision: revision), revision: revision.commit.hex, source: source,
                                notes: source.transportWarnings)
        } catch {
            sources.forget()
            if let failure = error as? GitSourceError, let input = await cached(source, after: failure, remote: RemoteURL.redact(repo.url)) {
                return input
            }
            throw EngineError(.source, path: RemoteURL.redact(repo.url), "\(error)")
        }
    }

    /// The revision of the last successful fetch, when the remote could not be reached: states,
    /// expiries and quotas go on being enforced on it while the remote is away.
    static func cached(_ source: GitSource, after error: GitSourceError, remote: String) async -> DesiredInput? {
        switch error {
        case .remoteFailed, .timedOut: break
        default: return nil
        }
        guard let commit = try? await source.lastDesiredCommit(), let revision = try? await source.read(commit) else { return nil }
        var input = DesiredInput(files: DesiredFiles(revision: revision), revision: commit.hex, source: source, notes: source.transportWarnings)
        input.notes.append("\(remote) could not be reached (\(error)); working from the last fetched revision \(commit.hex.prefix(12))")
        input.offline = true
        return input
    }

    /// A digest of the local files, standing for a commit.
    static func digest(_ files: DesiredFiles) -> String {
        var hasher = SHA256()
        for file in files.users.sorted(by: { $0.path < $1.path }) {
            hasher.update(data: Array(file.path.utf8) + [0] + file.bytes + [0])
        }
        if let template = files.template { hasher.update(data: Array(template.path.utf8) + [0] + template.bytes) }
        return Hex.encode(hasher.finalize().prefix(6))
    }
}
