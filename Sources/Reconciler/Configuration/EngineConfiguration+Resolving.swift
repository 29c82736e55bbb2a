import Foundation
import StatsSink

extension EngineConfiguration {
    /// Types and checks merged settings, filling defaults. `home` and `isRoot` choose the default
    /// state directory: `/var/lib/telemt-gitops` for root, else `$XDG_STATE_HOME/telemt-gitops` or
    /// `~/.local/state/telemt-gitops`.
    public static func resolve(_ layers: ConfigurationLayers, environment: [String: String] = [:], home: String, isRoot: Bool)
        throws(ConfigurationError) -> EngineConfiguration {
        let read = SettingReader(layers: layers)
        let stateDirectory = try read.text("state_dir") ?? defaultStateDirectory(environment: environment, home: home, isRoot: isRoot)
        let listen = try read.address("listen", default: "127.0.0.1:8080")
        let node = try read.text("node", default: "local")
        guard RepoPath.isValidNodeName(node) else {
            throw ConfigurationError(.invalidValue, at: read.origin("node"), "`node`: `\(node)` is not a node name",
                                     hint: "use 1 to 64 of A-Z a-z 0-9 _ . - (it names status/<node>.yaml)")
        }
        var configuration = EngineConfiguration(
            node: node, source: try source(read),
            keyFile: try read.text("key") ?? defaultKeyFile(stateDirectory: stateDirectory, isRoot: isRoot),
            stateDirectory: stateDirectory, storePath: try storePath(read, stateDirectory: stateDirectory),
            maxRemoval: try read.share(read.text("max_removal", default: "50%"), path: "max_removal"),
            telemt: try telemt(read), interval: try read.duration("interval", default: "30s"),
            logFormat: try read.text("log_format", default: "text"),
            thresholds: try read.list("notify.thresholds", default: ["80%", "95%"]).map { (text) throws(ConfigurationError) in
                try read.share(text, path: "notify.thresholds")
            }.sorted(),
            expiringWithin: try read.duration("notify.expiring_within", default: "3d"),
            language: try read.text("notify.language", default: "en"),
            other: layers.settings.filter { $0.key.hasPrefix("notify.") || $0.key.hasPrefix("webhooks.") },
            listenHost: listen.host, listenPort: listen.port
        )
        configuration.retention = try retentionPolicy(read)
        configuration.notify = try NotificationSettings.read(read)
        configuration.fleetStore = try FleetStoreSettings.read(read, environment: environment)
        configuration.fleet = try FleetSettings.read(read)
        return configuration
    }

    /// `retention.*`; hours may not end before quarter hours (they are folded from them).
    static func retentionPolicy(_ read: SettingReader) throws(ConfigurationError) -> RetentionPolicy {
        let seconds = { (duration: Duration) in TimeInterval(duration.components.seconds) }
        let quarters = try read.duration("retention.quarter_hours", default: "70d"), hours = try read.duration("retention.hours", default: "400d")
        guard hours >= quarters else {
            throw ConfigurationError(.invalidValue, at: read.origin("retention.hours"),
                                     "`retention.hours` (\(hours)) is shorter than `retention.quarter_hours` (\(quarters))",
                                     hint: "quarter hours are folded into hours: keep hours at least as long")
        }
        return RetentionPolicy(rawTraffic: seconds(try read.duration("retention.raw", default: "7d")), quarterHours: seconds(quarters),
                               hours: seconds(hours), scrapes: seconds(try read.duration("retention.scrapes", default: "400d")))
    }

    /// The default master key, the same for every command (`keygen`, `render`, `links`, `plan`,
    /// `reconcile`): `/etc/telemt-gitops/master.key` for root (a service's configuration), else
    /// `<state_dir>/master.key`.
    public static func defaultKeyFile(stateDirectory: String, isRoot: Bool) -> String {
        isRoot ? "/etc/telemt-gitops/master.key" : (stateDirectory as NSString).appendingPathComponent("master.key")
    }

    /// The default state directory for this user.
    public static func defaultStateDirectory(environment: [String: String], home: String, isRoot: Bool) -> String {
        if isRoot { return "/var/lib/telemt-gitops" }
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/telemt-gitops" }
        return (home as NSString).appendingPathComponent(".local/state/telemt-gitops")
    }

    private static func source(_ read: SettingReader) throws(ConfigurationError) -> Source {
        let url = try read.text("repo.url")
        let directory = try read.text("spec")
        switch (url, directory) {
        case (.some, .some):
            throw ConfigurationError(.conflict, at: read.origin("spec"), "both `spec` and `repo.url` are set (\(read.origin("repo.url")))",
                                     hint: "read either a local directory or a repository")
        case (nil, let directory?):
            return .directory(directory)
        case (nil, nil):
            throw ConfigurationError(.conflict, at: .builtIn, "no desired state: neither `repo.url` nor `spec` is set",
                                     hint: "give --repo URL (or repo.url in the configuration file), or --spec DIR")
        case (let url?, nil):
            return .repository(try repository(url, read))
        }
    }

    private static func repository(_ url: String, _ read: SettingReader) throws(ConfigurationError) -> RepositorySettings {
        let tag = try read.text("repo.tag")
        let commit = try read.text("repo.commit")
        if tag != nil, commit != nil {
            throw ConfigurationError(.conflict, at: read.origin("repo.commit"), "both `repo.tag` and `repo.commit` are set",
                                     hint: "track a branch, a tag or a commit — one of them")
        }
        if tag != nil || commit != nil, read.layers["repo.branch"] != nil {
            throw ConfigurationError(.conflict, at: read.origin("repo.branch"), "`repo.branch` is set together with a tag or commit",
                                     hint: "remove `repo.branch`, or the tag or commit")
        }
        return RepositorySettings(
            url: url, branch: try read.text("repo.branch", default: "main"), tag: tag, commit: commit,
            path: try read.text("repo.path", default: "."),
            sshKey: try read.text("repo.ssh_key"), knownHosts: try read.text("repo.known_hosts"),
            tokenFile: try read.text("repo.token_file"), credentialsFile: try read.text("repo.credentials_file"),
            allowedSigners: try read.text("repo.allowed_signers"), gpgKeyring: try read.text("repo.gpg_keyring"),
            statusBranch: try read.text("repo.status_branch"), timeout: try read.duration("repo.timeout", default: "30s")
        )
    }

    private static func telemt(_ read: SettingReader) throws(ConfigurationError) -> TelemtSettings {
        TelemtSettings(
            config: try read.text("telemt.config", default: "/etc/telemt/config.toml"),
            metrics: try read.text("telemt.metrics", default: "http://127.0.0.1:9090/metrics"),
            api: try read.text("telemt.api"), apiAuthFile: try read.text("telemt.api_auth_file"),
            restartCommand: try read.text("telemt.restart_command"),
            reloadTimeout: try read.duration("telemt.reload_timeout", default: "10s")
        )
    }

    private static func storePath(_ read: SettingReader, stateDirectory: String) throws(ConfigurationError) -> String {
        let store = try read.text("store", default: "sqlite")
        // A fleet's PostgreSQL store is shared; this host's own ledger stays in SQLite.
        if store == "sqlite" || FleetStoreSettings.isPostgres(store) { return (stateDirectory as NSString).appendingPathComponent("stats.sqlite") }
        return store
    }
}
