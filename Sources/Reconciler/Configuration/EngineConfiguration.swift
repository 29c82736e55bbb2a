import Foundation
public import StatsSink

/// The host's settings for `reconcile`, `plan` and `run`, typed and checked: what the tick needs to
/// know about the repository, telemt, the state directory and the guards. Built by
/// ``resolve(_:home:isRoot:)`` from ``ConfigurationLayers``; `docs/configuration.md` documents every key.
public struct EngineConfiguration: Sendable, Equatable {
    /// Where the desired state comes from.
    public enum Source: Sendable, Equatable {
        /// A git repository, tracked through the git source.
        case repository(RepositorySettings)
        /// A local directory holding users.yaml (no write-back).
        case directory(String)
    }

    /// The repository settings (`repo.*`).
    public struct RepositorySettings: Sendable, Equatable {
        /// `repo.url`.
        public var url: String
        /// `repo.branch`, unless a tag or commit is pinned.
        public var branch: String
        /// `repo.tag`.
        public var tag: String?
        /// `repo.commit`.
        public var commit: String?
        /// `repo.path`.
        public var path: String
        /// `repo.ssh_key`, `repo.known_hosts`.
        public var sshKey: String?, knownHosts: String?
        /// `repo.token_file`, `repo.credentials_file`.
        public var tokenFile: String?, credentialsFile: String?
        /// `repo.allowed_signers`, `repo.gpg_keyring`.
        public var allowedSigners: String?, gpgKeyring: String?
        /// `repo.status_branch`.
        public var statusBranch: String?
        /// `repo.timeout`.
        public var timeout: Duration
    }

    /// The telemt settings (`telemt.*`).
    public struct TelemtSettings: Sendable, Equatable {
        /// `telemt.config`: telemt's config.toml.
        public var config: String
        /// `telemt.metrics`.
        public var metrics: String
        /// `telemt.api`.
        public var api: String?
        /// `telemt.api_auth_file`.
        public var apiAuthFile: String?
        /// `telemt.restart_command`.
        public var restartCommand: String?
        /// `telemt.reload_timeout`.
        public var reloadTimeout: Duration
    }

    /// `node`.
    public var node: String
    /// The desired state's source (`repo.*` or `spec`).
    public var source: Source
    /// `key`: the master key file.
    public var keyFile: String
    /// `state_dir`.
    public var stateDirectory: String
    /// `store`: the SQLite file of the traffic store (this host's own ledger, also in a fleet).
    public var storePath: String
    /// `store: postgres://…` and `store_password_file`: the fleet's shared store, nil for one host.
    public var fleetStore: FleetStoreSettings?
    /// `max_removal`: the largest share of users one revision may remove (0…1).
    public var maxRemoval: Double
    /// `telemt.*`.
    public var telemt: TelemtSettings
    /// `retention.*`: what the store keeps, pruned by the ticks that record traffic.
    public var retention = RetentionPolicy()
    /// `interval`.
    public var interval: Duration
    /// `listen` as host and port.
    public var listen: (host: String, port: Int) { (listenHost, listenPort) }
    /// `log_format`: `text` or `json`.
    public var logFormat: String
    /// `notify.thresholds` as fractions, ascending.
    public var thresholds: [Double]
    /// `notify.expiring_within`.
    public var expiringWithin: Duration
    /// `notify.language`.
    public var language: String
    /// `notify.*` sinks and `webhooks.secret_file`.
    public var notify = NotificationSettings()
    /// `fleet.*`: how heartbeats take nodes out of placement and back.
    public var fleet = FleetSettings()
    /// The remaining settings not typed here (webhooks, notification sinks), by dotted path.
    public var other: [String: Setting]

    var listenHost: String
    var listenPort: Int
}
