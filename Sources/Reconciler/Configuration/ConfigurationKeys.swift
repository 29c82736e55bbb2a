/// Every setting of the host's configuration file, in the order `docs/configuration.md` lists them.
/// The file, the environment and the flags are all checked against this one table.
public enum ConfigurationKeys {
    /// The environment variable naming the configuration file itself.
    public static let configFileVariable = "TELEMT_GITOPS_CONFIG"

    /// All keys.
    public static let all: [ConfigurationKey] = general + repository + telemt + retention + daemon + notifications + fleet

    static let general: [ConfigurationKey] = [
        .init("node", .text, default: "local", flag: "--node", "This proxy host's name: the status file is `status/<node>.yaml` and the store keeps traffic per node."),
        .init("spec", .path, flag: "--spec", "Read the desired state from this local directory instead of a git repository (no status write-back)."),
        .init("key", .path, default: "/etc/telemt-gitops/master.key (root) or <state_dir>/master.key", flag: "--key",
              "The 32-byte master key file (0600) from which users' secrets are derived; `keygen`, `render` and `links` use the same default."),
        .init("state_dir", .path, default: "/var/lib/telemt-gitops (root) or ~/.local/state/telemt-gitops", flag: "--state-dir",
              "Holds the git cache, the store, the last good render, the last applied revision and the lock."),
        .init("store", .url, default: "sqlite", flag: "--store",
              "`sqlite` (the file `<state_dir>/stats.sqlite`), a path to an SQLite file, or a fleet's shared PostgreSQL store `postgres://USER@HOST[:PORT]/DATABASE?sslmode=…` (never with a password; this host's own ledger stays in `<state_dir>/stats.sqlite`)."),
        .init("store_password_file", .path, flag: "--store-password-file",
              "A file (0600) holding the PostgreSQL store's password; without it the password is read from `PGPASSWORD`, if set."),
        .init("max_removal", .share, default: "50%", flag: "--max-removal",
              "A revision removing more than this share of the users (or all of them) is refused unless `--allow-mass-removal` is given."),
        .init("log_format", .choice(["text", "json"]), default: "text", "How `run` writes log lines."),
    ]

    static let repository: [ConfigurationKey] = [
        .init("repo.url", .url, flag: "--repo", "The desired-state repository: file://, a path, git://, ssh://, user@host:path or http(s)://."),
        .init("repo.branch", .text, default: "main", flag: "--branch", "The branch to track."),
        .init("repo.tag", .text, flag: "--tag", "Track this tag instead of a branch."),
        .init("repo.commit", .text, flag: "--commit", "Pin this commit instead of a branch."),
        .init("repo.path", .text, default: ".", flag: "--path", "The directory inside the repository that holds users.yaml (monorepos)."),
        .init("repo.ssh_key", .path, flag: "--ssh-key", "SSH deploy key (a private key file)."),
        .init("repo.known_hosts", .path, flag: "--known-hosts", "known_hosts file; required for ssh remotes."),
        .init("repo.token_file", .path, flag: "--token-file", "File whose first line is an HTTPS token."),
        .init("repo.credentials_file", .path, flag: "--credentials-file", "File whose first line is user:password for HTTPS."),
        .init("repo.allowed_signers", .path, flag: "--allowed-signers", "Accept only commits signed by a key in this SSH allowed-signers file."),
        .init("repo.gpg_keyring", .path, flag: "--gpg-keyring", "Accept only commits signed by a key in this OpenPGP keyring."),
        .init("repo.status_branch", .text, flag: "--status-branch", "Write the status file to this branch (default: the tracked branch)."),
        .init("repo.timeout", .duration, default: "30s", flag: "--timeout", "Network timeout of one git operation."),
    ]

    static let telemt: [ConfigurationKey] = [
        .init("telemt.config", .path, default: "/etc/telemt/config.toml", flag: "--telemt-config", "telemt's config.toml, rewritten atomically in its directory."),
        .init("telemt.metrics", .url, default: "http://127.0.0.1:9090/metrics", flag: "--metrics", "telemt's Prometheus endpoint."),
        .init("telemt.api", .url, flag: "--api", "telemt's read-only API (`[server.api]`): reload confirmation and users beyond the 4,096 that /metrics labels."),
        .init("telemt.api_auth_file", .path, flag: "--api-auth-file", "A file holding the API's `auth_header` value."),
        .init("telemt.restart_command", .text, flag: "--restart-command", "Run when a template change needs a telemt restart, e.g. `systemctl restart telemt`."),
        .init("telemt.reload_timeout", .duration, default: "10s", flag: "--reload-timeout", "How long to wait for telemt to confirm a reload."),
    ]

    /// How long the store keeps each kind of row (the same as `scrape`'s `--keep-*-days`).
    static let retention: [ConfigurationKey] = [
        .init("retention.raw", .duration, default: "7d", "How long per-scrape traffic rows are kept (each scrape's deltas, for audits)."),
        .init("retention.quarter_hours", .duration, default: "70d", "How long quarter-hour roll-ups are kept; then they are folded into hours."),
        .init("retention.hours", .duration, default: "400d", "How long hourly roll-ups are kept (at least `retention.quarter_hours`); days and totals are kept for ever."),
        .init("retention.scrapes", .duration, default: "400d", "How long scrape rows (version, uptime, users, connections) are kept."),
    ]

    static let daemon: [ConfigurationKey] = [
        .init("interval", .duration, default: "30s", "`run`: time between reconciles, with jitter."),
        .init("listen", .address, default: "127.0.0.1:8080", "`run`: address of webhooks, /healthz, /readyz and /metrics."),
        .init("webhooks.secret_file", .path, "`run`: the webhook signing secret (GitHub, Gitea/Forgejo, generic HMAC; GitLab token)."),
    ]

    /// The notifications of `run` (and of the ticks that queue them).
    static let notifications: [ConfigurationKey] = [
        .init("notify.language", .choice(["en", "ru"]), default: "en", "Language of notifications."),
        .init("notify.telegram.token_file", .path, "The Telegram bot token file."),
        .init("notify.telegram.chats", .list, "Telegram chat ids to notify."),
        .init("notify.telegram.api_url", .url, default: "https://api.telegram.org", "The Telegram Bot API's base URL (a local Bot API server, a test stand-in)."),
        .init("notify.webhook.url", .url, "A JSON webhook notified of events, signed with HMAC."),
        .init("notify.webhook.secret_file", .path, "The notification webhook's signing secret."),
        .init("notify.thresholds", .shares, default: "[80%, 95%]", "Usage shares of a limit that are notified when crossed."),
        .init("notify.expiring_within", .duration, default: "3d", "Notify users expiring within this time."),
    ]

    /// How the hosts of a fleet (`nodes:` in users.yaml) judge each other's heartbeats.
    static let fleet: [ConfigurationKey] = [
        .init("fleet.down_after", .duration, default: "5m",
              "A node whose newest heartbeat is older than this is taken out of placement; its placed users move to their next nodes."),
        .init("fleet.up_after", .duration, default: "10m",
              "A node that was down comes back only after its heartbeats have been fresh without a break this long (no flapping)."),
    ]

    /// The key with this dotted path.
    public static func key(_ path: String) -> ConfigurationKey? { byPath[path] }

    private static let byPath: [String: ConfigurationKey] = Dictionary(uniqueKeysWithValues: all.map { ($0.path, $0) })
}
