import Foundation

extension EngineConfiguration.RepositorySettings {
    /// The git source options of these settings, with the git cache under `stateDirectory`.
    func gitOptions(stateDirectory: URL) -> GitSourceOptions {
        let file = { (path: String?) in path.map { URL(fileURLWithPath: $0) } }
        return GitSourceOptions(
            repository: url, branch: tag == nil && commit == nil ? branch : nil, tag: tag, commit: commit,
            subPath: path == "." ? "" : path, stateDirectory: stateDirectory, sshKey: file(sshKey),
            knownHosts: file(knownHosts), tokenFile: file(tokenFile), credentialsFile: file(credentialsFile),
            allowedSigners: file(allowedSigners), gpgKeyring: file(gpgKeyring), timeoutSeconds: Int(timeout.components.seconds))
    }
}

extension EngineConfiguration {
    /// The desired-state files these settings name, read once for a command that needs no host
    /// (`links --config`): the local directory, or the tracked revision fetched into a temporary
    /// cache, so that a running daemon's own cache is never touched.
    public func readDesiredFiles() async throws(EngineError) -> DesiredFiles {
        switch source {
        case .directory(let path):
            do { return try LocalDesiredReader().read(path) } catch {
                throw EngineError(.source, path: path, "\(error)", hint: "check `spec` (--spec)")
            }
        case .repository(let repo):
            let cache = FileManager.default.temporaryDirectory.appendingPathComponent("telemt-gitops-read-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: cache) }
            do {
                let source = try GitSource(try repo.gitOptions(stateDirectory: cache).configuration())
                return DesiredFiles(revision: try await source.fetchAndRead().1)
            } catch {
                throw EngineError(.source, path: RemoteURL.redact(repo.url), "\(error)")
            }
        }
    }
}
