/// How the tracked ref moved since the previous fetch into the same cache.
public enum TipChange: Sendable, Hashable, CustomStringConvertible {
    /// First fetch into this cache.
    case initial(CommitID)
    /// The remote tip is the one seen last time.
    case unchanged(CommitID)
    /// The remote tip moved forward (the old tip is an ancestor of the new one).
    case advanced(from: CommitID, to: CommitID)
    /// The old tip is not an ancestor of the new one: a force-push or a re-created branch.
    case rewritten(from: CommitID, to: CommitID)

    /// The tip after the fetch.
    public var tip: CommitID {
        switch self {
        case .initial(let tip), .unchanged(let tip): tip
        case .advanced(_, let to), .rewritten(_, let to): to
        }
    }

    /// A one-line report such as `history rewritten: a1b2c3d → d4e5f6a`.
    public var description: String {
        switch self {
        case .initial(let tip): "first fetch: \(tip.short)"
        case .unchanged(let tip): "unchanged: \(tip.short)"
        case .advanced(let from, let to): "advanced: \(from.short) → \(to.short)"
        case .rewritten(let from, let to): "history rewritten: \(from.short) → \(to.short)"
        }
    }
}

/// What a fetch resolved.
public struct FetchResult: Sendable, Hashable {
    /// The full name of the remote ref that was resolved (`refs/heads/main`), or the pinned commit.
    public let resolvedRef: String
    /// How the tip moved.
    public let change: TipChange
    /// The newest commit that is not one of our status commits: the revision to apply.
    public let desiredCommit: CommitID
    /// The desired commit of the previous fetch, if any.
    public let previousDesiredCommit: CommitID?
    /// How many status-only commits sit between the tip and the desired commit.
    public let statusCommitsSkipped: Int
    /// Whether objects were downloaded (false when the remote had nothing new).
    public let downloaded: Bool
    /// The verified signer of the desired commit when verification is configured.
    public let signer: String?

    /// The remote tip.
    public var tip: CommitID { change.tip }

    /// Whether the desired state differs from the previous fetch's: false for status-only commits.
    public var desiredChanged: Bool { previousDesiredCommit != desiredCommit }
}

/// The outcome of a status write-back.
public enum StatusWriteResult: Sendable, Hashable {
    /// A commit was pushed; `attempts` counts pushes including rebases after a moved branch.
    case pushed(commit: CommitID, branch: String, attempts: Int)
    /// The committed file already had these bytes: nothing was committed.
    case unchanged(tip: CommitID, branch: String)
}
