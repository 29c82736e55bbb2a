import StatsSink

/// The SQLite traffic store (``StatsStoreError``).
extension ErrorCatalog {
    static let storeIntro = "`scrape`, `usage`, `reconcile` and `run` keep traffic in a SQLite database (`--db`, `store`, by default "
        + "under the state directory). One scrape is recorded in one transaction, so a failure loses at most that scrape, never doubles it. "
        + "A fleet also records every scrape into a shared PostgreSQL database (`store: postgres://…`), through a spool while it is away."

    private static let database = "/var/lib/telemt-gitops/stats.sqlite"

    static var storeEntries: [ErrorEntry] {
        [
            ErrorEntry(StatsStoreError(code: .nodeClaimed, path: database, message: "node eu-1 is recorded by instance 5c2e on host proxy-old (last scrape 2026-03-01T10:00:00Z); this is instance 9a41 on host proxy-new"),
                       kind: "nodeClaimed", "Another host records this node",
                       meaning: "Each installation has an instance id; the node's traffic is already recorded by another one. Two hosts under one node name would mix their counters.",
                       fix: "Give each host its own `--node` (`node`). If this host replaced the old one, run once with `telemt-gitops scrape --take-over-node …` (or `reconcile --once --take-over-node`)."),
            ErrorEntry(StatsStoreError(code: .instanceID, path: "/var/lib/telemt-gitops/instance-id", message: "the file does not hold an instance id"),
                       kind: "instanceID", "The instance id file is unusable",
                       meaning: "The file naming this installation is damaged or cannot be created.",
                       fix: "Delete it (a new one is created); if the node was recorded under the old id, run once with `--take-over-node`."),
            store("open", "unable to open database file", "The database cannot be opened",
                  meaning: "The directory is missing or not writable, or the file is not a telemt-gitops database.",
                  fix: "Check `ls -ld` of the directory, run as its owner, and that `--db` names the right file."),
            store("read baselines", "corrupt baselines for node eu-1", "Stored baselines are unreadable",
                  meaning: "A node's stored counter baselines cannot be decoded, so every scrape of it fails until they are reset.",
                  fix: "Delete the node's row: `sqlite3 DB \"DELETE FROM node_state WHERE node = 'eu-1'\"`; the next scrape counts as a first one."),
            store("record", "disk I/O error", "A scrape could not be recorded",
                  meaning: "Writing the scrape's transaction failed (disk full, I/O error). Nothing of it was recorded.",
                  fix: "Free space or fix the disk; the next scrape counts the traffic in between."),
            store("usage", "database is locked", "The database is busy",
                  meaning: "Another process held the database locked for too long.",
                  fix: "Check for a long-running `sqlite3` shell or backup on the file, then retry."),
        ]
    }

    private static func store(_ operation: String, _ message: String, _ title: String, meaning: String, fix: String) -> ErrorEntry {
        ErrorEntry(StatsStoreError(operation: operation, path: database, message: message), kind: "database", title, meaning: meaning, fix: fix)
    }
}
