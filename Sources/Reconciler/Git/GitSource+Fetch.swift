import Foundation

extension GitSource {
    /// Resolves the tracked ref on the remote, downloads what is missing, and classifies the move.
    /// Nothing new costs one ref advertisement. A failed fetch leaves the cache as it was.
    public func fetch() throws(GitSourceError) -> FetchResult {
        let repository = try repository()
        let resolved = try resolveAndDownload(repository)
        let tip = resolved.tip
        let change = classify(previous: repository.reference(GitRepository.Ref.seen), tip: tip, in: repository)
        let (desired, skipped) = try repository.desiredCommit(from: tip, subPath: subPath)
        let lastVerified = repository.reference(GitRepository.Ref.verified)
        let signer = try verify(desired, in: repository)
        try checkHistory(desired, lastVerified: lastVerified, in: repository)
        let previousDesired = repository.reference(GitRepository.Ref.desired)
        try repository.setReference(GitRepository.Ref.seen, to: tip)
        try repository.setReference(GitRepository.Ref.desired, to: desired)
        return FetchResult(
            resolvedRef: resolved.ref, change: change, desiredCommit: desired,
            previousDesiredCommit: previousDesired, statusCommitsSkipped: skipped,
            downloaded: resolved.downloaded, signer: signer)
    }

    /// With verification on, a branch or tag that moved to a commit not descending from the last
    /// verified one is refused (an attacker replaying an older signed commit), unless allowed; then the
    /// new commit becomes the last verified one. A pinned commit is the configuration's own choice.
    private func checkHistory(_ desired: CommitID, lastVerified: CommitID?,
                              in repository: GitRepository) throws(GitSourceError) {
        guard configuration.verification != nil, let lastVerified, lastVerified != desired else { return }
        if case .commit = configuration.ref { return }
        if repository.contains(lastVerified), repository.isDescendant(desired, of: lastVerified) { return }
        guard configuration.allowHistoryRewrite else {
            throw .historyRewriteRefused(commit: desired, lastVerified: lastVerified)
        }
        try repository.setReference(GitRepository.Ref.verified, to: desired)
    }

    private func classify(previous: CommitID?, tip: CommitID, in repository: GitRepository) -> TipChange {
        guard let previous else { return .initial(tip) }
        if previous == tip { return .unchanged(tip) }
        if repository.contains(previous), repository.isDescendant(tip, of: previous) {
            return .advanced(from: previous, to: tip)
        }
        return .rewritten(from: previous, to: tip)
    }

    private func resolveAndDownload(_ repository: GitRepository) throws(GitSourceError)
        -> (ref: String, tip: CommitID, downloaded: Bool) {
        let session = try session(repository)
        try session.connect()
        let heads = try session.heads()
        let named = heads.filter { $0.name.hasPrefix("refs/heads/") || $0.name.hasPrefix("refs/tags/") }
        guard !named.isEmpty else { throw .emptyRemote(remote: remoteURL.redacted) }
        switch configuration.ref {
        case .branch(let name):
            return try downloadRef("refs/heads/\(name)", heads: named, session: session, repository: repository)
        case .tag(let name):
            return try downloadRef("refs/tags/\(name)", heads: named, session: session, repository: repository)
        case .commit(let id):
            return try downloadPinned(id, session: session, repository: repository)
        }
    }

    private func downloadRef(_ full: String, heads: [RemoteHead], session: GitRemoteSession,
                             repository: GitRepository) throws(GitSourceError)
        -> (ref: String, tip: CommitID, downloaded: Bool) {
        guard let head = heads.first(where: { $0.name == full }) else {
            throw .refNotFound(remote: remoteURL.redacted, ref: full,
                               available: heads.map(\.name).filter { !$0.hasSuffix("^{}") }.sorted())
        }
        var downloaded = false
        if !repository.contains(head.id) {
            try session.download(["+\(full):\(GitRepository.Ref.tracking)"])
            downloaded = true
        }
        let tip = try repository.peelToCommit(head.id)
        try repository.setReference(GitRepository.Ref.tracking, to: tip)
        return (full, tip, downloaded)
    }

    private func downloadPinned(_ id: CommitID, session: GitRemoteSession,
                                repository: GitRepository) throws(GitSourceError)
        -> (ref: String, tip: CommitID, downloaded: Bool) {
        var downloaded = false
        if !repository.contains(id) {
            let prefix = GitRepository.Ref.pinnedPrefix
            try session.download(["+refs/heads/*:\(prefix)heads/*", "+refs/tags/*:\(prefix)tags/*"])
            downloaded = true
        }
        guard repository.contains(id) else {
            throw .commitNotFound(commit: id.hex, detail: "no branch or tag of \(remoteURL.redacted) contains it")
        }
        let tip = try repository.peelToCommit(id)
        try repository.setReference(GitRepository.Ref.tracking, to: tip)
        return (id.hex, tip, downloaded)
    }
}
