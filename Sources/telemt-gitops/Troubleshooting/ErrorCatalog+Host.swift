import Reconciler

/// The host's settings (``ConfigurationError``), each from the real settings reader.
extension ErrorCatalog {
    static let hostIntro = "`plan`, `reconcile` and `run` read the host's settings from `--config FILE` (or TELEMT_GITOPS_CONFIG), "
        + "the environment and flags, flags winning ([configuration.md](configuration.md)). Every key is checked, and every "
        + "error names where the value came from: `config.yaml:4:10`, `environment variable TELEMT_GITOPS_NODE` or `--node`."

    /// What resolving `flags` (dotted path → flag and value) throws.
    private static func resolving(_ flags: [String: (flag: String, value: String)]) -> ConfigurationError? {
        failure { () throws(ConfigurationError) in
            let settings = flags.mapValues { Setting.text($0.value, from: .flag($0.flag)) }
            let layers = try ConfigurationLayers(file: nil, environment: [:], flags: settings)
            _ = try EngineConfiguration.resolve(layers, home: "/root", isRoot: true)
        }
    }

    static var hostEntries: [ErrorEntry] { hostSettingEntries.compactMap { $0 } }

    private static var hostSettingEntries: [ErrorEntry?] {
        [
            ErrorEntry(failure: resolving(["intervall": ("--intervall", "5m")]), kind: { $0.code }, "A key that is not a setting",
                       meaning: "The configuration file, a TELEMT_GITOPS_ variable or a flag names a setting that does not exist (a typo, or a setting of a newer version).",
                       fix: "Use the name the hint suggests; [configuration.md](configuration.md) lists every setting."),
            ErrorEntry(failure: resolving(["spec": ("--spec", "/srv/proxy-users"), "node": ("--node", "eu 1")]), kind: { $0.code }, "A value of the wrong form",
                       meaning: "A setting's value has the wrong shape or syntax: a duration, a share, an address, a name or a URL that cannot be read.",
                       fix: "Write the value as the message and hint say, at the place the message names."),
            ErrorEntry(failure: resolving([:]), kind: { $0.code }, "Settings that conflict, or one that is missing",
                       meaning: "Two settings exclude each other (`spec` and `repo.url`, `repo.tag` and `repo.commit`), or a required one is missing.",
                       fix: "Set `repo.url` (or `--repo URL`) for a git repository, or `spec` (`--spec DIR`) for a local directory, and only one of them."),
            ErrorEntry(failure: failure { () throws(ConfigurationError) in _ = try ConfigurationFile.read("/etc/telemt-gitops/config.yml") },
                       kind: { $0.code }, "The configuration file cannot be read",
                       meaning: "The file given by `--config` or TELEMT_GITOPS_CONFIG is missing, unreadable, too large or not YAML.",
                       fix: "Check the path (`ls -l`); `scripts/quickstart.sh` writes an example to state/config.yaml."),
            ErrorEntry(failure: failure { () throws(TelemtImportError) in
                _ = try TelemtConfigImport(source: Array("[access.users]\n\"alice smith\" = \"0123\"\n".utf8), path: "/etc/telemt/config.toml",
                                           host: "proxy.example.com").run()
            }, "An existing config cannot be imported",
                       meaning: "`telemt-gitops import` turns an existing telemt config into users.yaml and a template; every user or value it cannot represent is listed at its line and column, and nothing is written.",
                       fix: "Fix or remove those entries in a copy of the config (or in telemt's config, then reload telemt) and run `telemt-gitops import` again."),
        ]
    }
}
