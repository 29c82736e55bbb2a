import Foundation

extension GitSource {
    /// Every node's committed `status/*.yaml` at the newest tip of the status branch: the tracked
    /// branch's tip as last fetched (status commits are skipped by the desired revision, not by
    /// this), or a separate status branch's tip, downloaded now. What a fleet's hosts read each
    /// other's heartbeats and usage from when they share no store.
    public func fleetStatusFiles() throws(GitSourceError) -> [DesiredFile] {
        let repository = try repository()
        let tip: CommitID?
        if let branch = configuration.statusBranch {
            tip = try remoteStatusTip("refs/heads/\(branch)", repository: repository)
        } else {
            tip = repository.reference(GitRepository.Ref.seen)
        }
        guard let tip else { return [] }
        return try repository.readStatusFiles(tip, subPath: subPath, limits: configuration.limits)
    }
}

extension GitSource {
    /// How many desired-state commits the revision `applied` (a commit id) is behind `desired`; nil
    /// when it cannot be told (not a commit id, not in the history fetched, or not an ancestor).
    public func lag(of applied: String, behind desired: CommitID) -> Int? {
        guard let old = CommitID(hex: applied), let repository = try? repository(), repository.contains(old) else { return nil }
        return try? repository.desiredCommits(from: old, to: desired, subPath: subPath)
    }
}
