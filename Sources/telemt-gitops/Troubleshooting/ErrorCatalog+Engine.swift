import Reconciler
import StatsSink
import TelemtRender

/// A reconcile tick's failures (``EngineError``): what `reconcile --once` and every tick of `run` print.
extension ErrorCatalog {
    private static let stateDirectory = "/var/lib/telemt-gitops"

    static var engineEntries: [ErrorEntry] { (engineEntriesA + engineEntriesB).compactMap { $0 } }

    private static func engine(_ error: EngineError, _ title: String, meaning: String, fix: String) -> ErrorEntry {
        ErrorEntry(error, kind: error.code, title, meaning: meaning + " A loop \(reaction(error.code.reaction)).", fix: fix)
    }

    private static func reaction(_ reaction: EngineError.Reaction) -> String {
        switch reaction {
        case .stalled: "waits for a new revision (stalled)"
        case .waiting: "retries at the next interval (waiting)"
        case .transient: "retries with backoff (transient)"
        }
    }

    private static var engineEntriesA: [ErrorEntry?] {
        [
            diagnostic([("users.yaml", specHead + "  alice: { data_limit: 0 }\n")]).map {
                engine(EngineError(.invalidRevision, $0.description, hint: "fix it in a new commit; the last good config keeps serving"),
                       "The revision is invalid",
                       meaning: "The fetched revision has spec or template errors (listed, as `validate` prints them). It is never applied; the last good config keeps serving.",
                       fix: "Fix the lines in a new commit (run `telemt-gitops validate` in CI on every pull request to catch it before the merge).")
            },
            engine(EngineError(.massRemoval, "this revision removes 40 of 50 users (80 %), more than max_removal 50 %",
                               hint: "if this is intended, run once with --allow-mass-removal"),
                   "Too many users removed",
                   meaning: "A guard against a truncated or mistaken users.yaml: the revision would remove a larger share of users than `max_removal`.",
                   fix: "Check the commit. If the removal is intended, run `telemt-gitops reconcile --once --allow-mass-removal` once."),
            engine(EngineError.unknownNode("eu-3", nodes: ["eu-1", "eu-2"]),
                   "This host is not a node of the fleet",
                   meaning: "users.yaml has a `nodes:` section and this host's `node` (`--node`, `TELEMT_GITOPS_NODE`) is not one of its entries, so the host cannot know which users are its own. Nothing is applied; the last good config keeps serving.",
                   fix: "Set `node` to this host's entry under `nodes:` (the names are listed), or add the host under `nodes:` in a new commit."),
            engine(EngineError(.source, path: remote, "\(GitSourceError.timedOut(remote: remote, operation: "fetch", seconds: 30))"),
                   "The desired state cannot be read",
                   meaning: "The git remote or local directory could not be read; the underlying message says why (see the git and users.yaml sections).",
                   fix: "Follow the underlying message. The daemon keeps working from the last fetched revision."),
            engine(EngineError(.key, path: "\(stateDirectory)/master.key", "\(MasterKeyError(path: "\(stateDirectory)/master.key", problem: .unreadable(errno: 2)))",
                               hint: "create one with `telemt-gitops keygen --out \(stateDirectory)/master.key` or set `key`"),
                   "The master key is unusable", meaning: "The master key is missing or unreadable (see Keys and secrets).",
                   fix: "Create or restore the key, or set `key` (`--key`) to where it is."),
            engine(EngineError(.stateDirectory, path: stateDirectory, "the state directory is a file", hint: "pass another --state-dir"),
                   "The state directory is unusable",
                   meaning: "The state directory (git cache, stats store, lock, last applied state) cannot be created or written.",
                   fix: "Create it, owned by the user that runs telemt-gitops (`install -d -o telemt-gitops /var/lib/telemt-gitops`), or pass `--state-dir`."),
        ]
    }

    private static var engineEntriesB: [ErrorEntry?] {
        [
            engine(EngineError(.locked, path: "\(stateDirectory)/lock", "another telemt-gitops process (pid 812) runs on this state directory",
                               hint: "stop it first, or use another --state-dir"),
                   "Another process holds the state directory",
                   meaning: "Only one telemt-gitops works on a state directory at a time: a daemon is running, or a `reconcile --once` from cron overlaps.",
                   fix: "Stop the other process (`systemctl stop telemt-gitops`) or wait for it; cron jobs should not overlap the daemon."),
            engine(EngineError(.telemtConfig, "\(FileWriteError(path: "/etc/telemt/config.toml", operation: .rename, errno: 13))",
                               hint: "telemt keeps serving the previous config"),
                   "telemt's config cannot be written",
                   meaning: "Reading or writing telemt's config.toml failed (see Rendering and writing config.toml).",
                   fix: "Follow the underlying message; telemt keeps serving the previous config meanwhile."),
            engine(EngineError(.store, path: "\(stateDirectory)/stats.sqlite", "\(StatsStoreError(operation: "record", path: "\(stateDirectory)/stats.sqlite", message: "disk I/O error"))"),
                   "The stats store failed", meaning: "The traffic store failed (see The stats store).", fix: "Follow the underlying message."),
            engine(EngineError(.statusWrite, "\(GitSourceError.pushRejected(remote: remote, branch: "main", attempts: 5, detail: "permission denied"))",
                               hint: "the config was applied; the status is written again at the next tick"),
                   "The status could not be written back",
                   meaning: "The config was applied, but status/<node>.yaml could not be committed and pushed.",
                   fix: "Give the deploy key or token push access to the branch; the next tick writes the status again."),
            engine(EngineError(.abandoned, "the tick was stopped before it wrote anything", hint: "the next tick applies this revision"),
                   "The tick was stopped", meaning: "The daemon was shutting down (SIGTERM) and stopped the tick at a safe point, before it wrote anything.",
                   fix: "Nothing to do: the next tick (after the restart) applies the revision."),
        ]
    }
}
