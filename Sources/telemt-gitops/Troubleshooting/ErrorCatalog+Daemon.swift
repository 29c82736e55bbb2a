import Daemon

/// `run`'s own failures (``DaemonError``).
extension ErrorCatalog {
    static let daemonIntro = "`run` is the daemon: it ticks like `reconcile --once` (a tick's failures are the EngineError entries; "
        + "the loop reacts as each says), serves `POST /hooks/git`, `/healthz`, `/readyz` and `/metrics`, and sends notifications. "
        + "It refuses to start on the DaemonError entries, with exit status 64 for settings and secret files and 1 otherwise. "
        + "A webhook with a bad signature is answered 401 and logged; it never triggers a tick."

    static var daemonEntries: [ErrorEntry] {
        [
            daemon(DaemonError(.settings, "`notify.webhook.url` must be an https URL (plain http only to 127.0.0.1)",
                               hint: "use https://, or a loopback address for a local receiver"), "A setting of run is invalid",
                   meaning: "A daemon setting (listen address, notification URL, webhook provider) cannot be used.",
                   fix: "Fix the setting in config.yaml or the flag; `telemt-gitops run --help` lists them."),
            daemon(DaemonError(.secretFile, path: "/etc/telemt-gitops/webhook-secret", "`webhooks.secret_file`: the file cannot be read",
                               hint: "create it with the shared secret (mode 0600)"), "A secret file is missing or unusable",
                   meaning: "The webhook secret or the Telegram bot token file is missing, empty, more than one line or over 4 KiB.",
                   fix: "Write the secret on one line: `umask 077; openssl rand -hex 32 > /etc/telemt-gitops/webhook-secret`, and give the same secret to the git host's webhook."),
            daemon(DaemonError(.store, path: "/var/lib/telemt-gitops/stats.sqlite", "the outbox cannot be opened: unable to open database file"), "The outbox cannot be opened",
                   meaning: "Notifications are queued in the stats store (a durable outbox); it could not be opened.",
                   fix: "Check the state directory's permissions and free space (see The stats store)."),
            daemon(DaemonError(.locked, path: "/var/lib/telemt-gitops/lock", "another daemon (pid 812) runs on this state directory",
                               hint: "stop it first, or use another --state-dir"), "Another daemon runs here",
                   meaning: "One daemon per state directory: another `run` holds it (a second unit, or a container sharing the volume).",
                   fix: "Stop the other daemon (`systemctl status telemt-gitops`), or give this one its own `--state-dir`."),
        ]
    }

    private static func daemon(_ error: DaemonError, _ title: String, meaning: String, fix: String) -> ErrorEntry {
        ErrorEntry(error, kind: error.code, title, meaning: meaning, fix: fix)
    }
}
