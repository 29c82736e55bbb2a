public import Reconciler

/// What this host follows, for telling a push that matters from one that does not.
public enum TrackedRef: Sendable, Equatable {
    /// A branch: only pushes to `refs/heads/<name>` trigger a tick.
    case branch(String)
    /// A tag: pushes of tags trigger a tick.
    case tag(String)
    /// A pinned commit or a local directory: every push triggers a (cheap) tick.
    case any

    /// What `configuration` follows.
    public init(_ configuration: EngineConfiguration) {
        switch configuration.source {
        case .repository(let repo):
            if repo.commit != nil { self = .any } else if let tag = repo.tag { self = .tag(tag) } else { self = .branch(repo.branch) }
        case .directory:
            self = .any
        }
    }

    /// Whether a push of `ref` may change the desired state.
    func matches(_ ref: String) -> Bool {
        switch self {
        case .branch(let name): ref == "refs/heads/" + name
        case .tag: ref.hasPrefix("refs/tags/")
        case .any: true
        }
    }
}
