import Foundation

extension GitSource {
    private enum PushAttempt {
        case unchanged(CommitID)
        case pushed(CommitID)
        case rejected(String)
    }

    /// Commits `status/<node>.yaml` (under the sub-path) as the bot identity with the status trailer onto
    /// the status branch and pushes it. When the branch moved meanwhile, the file is re-applied onto the new
    /// tip and pushed again, up to `maxPushAttempts` times. Identical content commits nothing.
    public func writeStatus(node: String, contents: [UInt8]) async throws(GitSourceError) -> StatusWriteResult {
        guard RepoPath.isValidNodeName(node) else { throw .invalidNodeName(node) }
        guard let branch = configuration.effectiveStatusBranch else {
            throw .invalidConfiguration(field: "status branch", value: "", reason:
                "a tag or pinned commit is tracked, so set a status branch to write status to")
        }
        let path = RepoPath.join(subPath, "status/\(node).yaml")
        var lastRejection = ""
        let attempts = max(1, configuration.maxPushAttempts)
        for attempt in 1...attempts {
            switch try pushStatusOnce(branch: branch, path: path, node: node, contents: contents) {
            case .unchanged(let tip): return .unchanged(tip: tip, branch: branch)
            case .pushed(let commit): return .pushed(commit: commit, branch: branch, attempts: attempt)
            case .rejected(let reason):
                lastRejection = reason
                try? await Task.sleep(for: .milliseconds(Int.random(in: 10...60) * attempt))
            }
        }
        throw .pushRejected(remote: remoteURL.redacted, branch: branch, attempts: attempts, detail: lastRejection)
    }

    private func pushStatusOnce(branch: String, path: String, node: String, contents: [UInt8])
        throws(GitSourceError) -> PushAttempt {
        let repository = try repository()
        let full = "refs/heads/\(branch)"
        let tip = try remoteStatusTip(full, repository: repository)
        guard let commit = try repository.makeStatusCommit(
            parent: tip, path: path, contents: contents, node: node,
            botName: configuration.botName, botEmail: configuration.botEmail) else {
            // makeStatusCommit only returns nil when there is a parent whose tree already holds the bytes.
            return tip.map { .unchanged($0) } ?? .rejected("nothing to commit")
        }
        try repository.setReference(GitRepository.Ref.statusOut, to: commit)
        if remoteURL.transport == .local {
            return try pushLocally(commit, to: full, expected: tip, node: node, repository: repository)
        }
        if let rejection = try session(repository).push("\(GitRepository.Ref.statusOut):\(full)") {
            return .rejected(rejection)
        }
        return .pushed(commit)
    }

    /// Over a local remote: the objects go under a private ref, then the branch moves by compare-and-swap
    /// (see ``LocalRemoteRef``).
    private func pushLocally(_ commit: CommitID, to full: String, expected tip: CommitID?, node: String,
                             repository: GitRepository) throws(GitSourceError) -> PushAttempt {
        let remote = LocalRemoteRef(url: configuration.url)
        let incoming = "refs/telemt-gitops/incoming/\(node)-\(UInt32.random(in: .min ... .max))"
        defer { remote.delete(incoming) }
        if let rejection = try session(repository).push("\(GitRepository.Ref.statusOut):\(incoming)") {
            return .rejected(rejection)
        }
        if let rejection = try remote.compareAndSwap(full, to: commit, expected: tip) { return .rejected(rejection) }
        return .pushed(commit)
    }

    /// The remote's current tip of the status branch, downloaded into the cache; nil when the branch does
    /// not exist yet (allowed only for a separate status branch).
    func remoteStatusTip(_ full: String, repository: GitRepository) throws(GitSourceError) -> CommitID? {
        let session = try session(repository)
        try session.connect()
        let heads = try session.heads()
        guard let head = heads.first(where: { $0.name == full }) else {
            if configuration.statusBranch == nil {
                throw .refNotFound(remote: remoteURL.redacted, ref: full, available: heads.map(\.name).sorted())
            }
            return nil
        }
        if !repository.contains(head.id) {
            try session.download(["+\(full):\(GitRepository.Ref.statusRemote)"])
        }
        try repository.setReference(GitRepository.Ref.statusRemote, to: head.id)
        return head.id
    }
}
