import ArgumentParser
import Daemon
import Foundation
import Logging
import Reconciler
import StatsSink

/// The settings `reconcile`, `plan` and `run` share: a configuration file, the environment and these flags
/// (flags beat the environment, which beats the file). docs/configuration.md lists every key.
struct EngineOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The host's configuration file (YAML; also TELEMT_GITOPS_CONFIG).", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("This proxy host's name (status/<node>.yaml). Default: local.", valueName: "name"))
    var node: String?

    @Option(help: ArgumentHelp("Read users.yaml from this local directory instead of a repository.", valueName: "dir"))
    var spec: String?

    @Option(help: ArgumentHelp("The desired-state repository: file://, a path, git://, ssh://, user@host:path, http(s)://.", valueName: "url"))
    var repo: String?

    @Option(help: ArgumentHelp("With --repo: the branch to track (default main).", valueName: "branch")) var branch: String?
    @Option(help: ArgumentHelp("With --repo: track this tag.", valueName: "tag")) var tag: String?
    @Option(help: ArgumentHelp("With --repo: pin this commit.", valueName: "sha")) var commit: String?
    @Option(name: .customLong("path"), help: ArgumentHelp("With --repo: the directory that holds users.yaml.", valueName: "dir")) var subPath: String?
    @Option(help: ArgumentHelp("SSH deploy key.", valueName: "file")) var sshKey: String?
    @Option(help: ArgumentHelp("known_hosts for ssh remotes.", valueName: "file")) var knownHosts: String?
    @Option(help: ArgumentHelp("HTTPS token file.", valueName: "file")) var tokenFile: String?
    @Option(help: ArgumentHelp("HTTPS user:password file.", valueName: "file")) var credentialsFile: String?
    @Option(help: ArgumentHelp("Accept only commits signed by a key in this SSH allowed-signers file.", valueName: "file")) var allowedSigners: String?
    @Option(help: ArgumentHelp("Accept only commits signed by a key in this OpenPGP keyring.", valueName: "file")) var gpgKeyring: String?
    @Option(help: ArgumentHelp("Write the status file to this branch.", valueName: "branch")) var statusBranch: String?
    @Option(help: ArgumentHelp("The master key file.", valueName: "file")) var key: String?
    @Option(help: ArgumentHelp("The state directory (git cache, store, last good render, lock).", valueName: "dir")) var stateDir: String?
    @Option(help: ArgumentHelp("telemt's config.toml.", valueName: "file")) var telemtConfig: String?
    @Option(help: ArgumentHelp("telemt's metrics URL.", valueName: "url")) var metrics: String?
    @Option(help: ArgumentHelp("telemt's read-only API (reload confirmation, users beyond 4,096).", valueName: "url")) var api: String?
    @Option(help: ArgumentHelp("A file holding the API's auth_header value.", valueName: "file")) var apiAuthFile: String?
    @Option(help: ArgumentHelp("Run this when telemt needs a restart.", valueName: "command")) var restartCommand: String?
    @Option(help: ArgumentHelp("Refuse revisions removing more than this share of users (default 50%).", valueName: "share")) var maxRemoval: String?
    @Option(help: ArgumentHelp("`sqlite` (<state_dir>/stats.sqlite), an SQLite file, or a fleet's postgres://USER@HOST/DB?sslmode=… (no password).", valueName: "store")) var store: String?
    @Option(help: ArgumentHelp("A file holding the PostgreSQL store's password (else PGPASSWORD).", valueName: "file")) var storePasswordFile: String?
    @Option(help: ArgumentHelp("Network timeout of one git operation, like 30s.", valueName: "duration")) var timeout: String?
    @Option(help: ArgumentHelp("How long to wait for telemt to confirm a reload, like 10s.", valueName: "duration")) var reloadTimeout: String?

    @Flag(help: "Do not contact telemt: no scrape, no reload confirmation (states use recorded traffic).")
    var noTelemt = false

    /// The flags given, as settings by key path.
    var flagSettings: [String: Setting] {
        let pairs: [(String, String, String?)] = [
            ("node", "--node", node), ("spec", "--spec", spec), ("repo.url", "--repo", repo), ("repo.branch", "--branch", branch),
            ("repo.tag", "--tag", tag), ("repo.commit", "--commit", commit), ("repo.path", "--path", subPath),
            ("repo.ssh_key", "--ssh-key", sshKey), ("repo.known_hosts", "--known-hosts", knownHosts), ("repo.token_file", "--token-file", tokenFile),
            ("repo.credentials_file", "--credentials-file", credentialsFile), ("repo.allowed_signers", "--allowed-signers", allowedSigners),
            ("repo.gpg_keyring", "--gpg-keyring", gpgKeyring), ("repo.status_branch", "--status-branch", statusBranch), ("key", "--key", key),
            ("state_dir", "--state-dir", stateDir), ("telemt.config", "--telemt-config", telemtConfig), ("telemt.metrics", "--metrics", metrics),
            ("telemt.api", "--api", api), ("telemt.api_auth_file", "--api-auth-file", apiAuthFile),
            ("telemt.restart_command", "--restart-command", restartCommand), ("max_removal", "--max-removal", maxRemoval),
            ("store", "--store", store), ("store_password_file", "--store-password-file", storePasswordFile), ("repo.timeout", "--timeout", timeout), ("telemt.reload_timeout", "--reload-timeout", reloadTimeout),
        ]
        var settings: [String: Setting] = [:]
        for (path, flag, value) in pairs { if let value { settings[path] = .text(value, from: .flag(flag)) } }
        return settings
    }

    /// The resolved configuration; a mistake is printed with its origin and exits 64.
    func resolve(extra: [String: Setting] = [:]) throws -> EngineConfiguration {
        do {
            return try ConfigurationFile.load(config, environment: ProcessInfo.processInfo.environment,
                                              flags: flagSettings.merging(extra) { _, new in new },
                                              home: NSHomeDirectory(), isRoot: getuid() == 0)
        } catch {
            Console.error(error.description)
            throw ExitCode.validationFailure
        }
    }

    /// The fleet's shared store when `store` is a postgres:// URL; a setting that cannot be used is
    /// printed (never with the password) and exits 64. `logger` goes to the PostgreSQL client.
    func fleetStore(_ configuration: EngineConfiguration, logger: Logger) throws -> FleetStoreClient? {
        guard let settings = configuration.fleetStore else { return nil }
        do {
            return try FleetStoreClient(settings, environment: ProcessInfo.processInfo.environment, logger: logger)
        } catch {
            Console.error("error: `store`: \(error)")
            throw ExitCode.validationFailure
        }
    }

    /// One tick (or plan) of `engine`, with the fleet store's client running around it when there is one.
    static func tick(_ engine: ReconcileEngine, fleet: FleetStoreClient?, plan: Bool = false) async -> TickReport {
        var engine = engine
        engine.fleetStore = fleet?.store
        let ready = engine
        guard let fleet else { return plan ? await ready.plan() : await ready.tick() }
        return await fleet.whileRunning { _ in plan ? await ready.plan() : await ready.tick() }
    }

    /// telemt as the configuration describes it, unless --no-telemt.
    func telemt(_ configuration: EngineConfiguration) throws -> (any TelemtObserver)? {
        guard !noTelemt else { return nil }
        do {
            let metrics = try MetricsScraper(url: configuration.telemt.metrics)
            let auth = try configuration.telemt.apiAuthFile.map { path in
                try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .newlines)
            }
            let api = try configuration.telemt.api.map { try TelemtAPIClient(baseURL: $0, authorization: auth) }
            return LiveTelemt(scraper: TelemtScraper(metrics: metrics, api: api))
        } catch {
            Console.error("error: telemt settings: \(error); check telemt.metrics, telemt.api and telemt.api_auth_file")
            throw ExitCode.validationFailure
        }
    }
}
