extension GitSourceError {
    var trustDescription: String {
        switch self {
        case .historyRewriteRefused(let commit, let lastVerified):
            "the tracked ref moved to \(commit.short), which does not descend from the last verified commit "
                + "\(lastVerified.short) (history rewritten, e.g. a force-push back to an older signed commit); "
                + "refusing it, still serving \(lastVerified.short). If the rewrite is intended, fetch once "
                + "with --allow-history-rewrite"
        case .insecureTransport(let remote, let credential):
            "refusing to send the \(credential) to \(remote) over plain http://: anyone on the path could "
                + "read it; use an https:// or ssh:// URL (--allow-insecure-transport is for tests on loopback)"
        case .credentialsForOtherHost(let remote, let requested):
            "\(requested) asked for the credentials of \(remote) (a redirect to another scheme, host or port); "
                + "refusing to send them there. Configure the URL the repository really lives at"
        default: ""
        }
    }
}
