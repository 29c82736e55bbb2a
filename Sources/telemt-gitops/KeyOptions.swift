import ArgumentParser
import Foundation
import Reconciler

/// Where the host's master key is.
struct KeyOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The master key file (64 hex digits, mode 0600).",
            discussion: "Defaults to $TELEMT_GITOPS_KEY, else /etc/telemt-gitops/master.key as root, else <state dir>/master.key (as reconcile). Create it with `keygen`.",
            valueName: "file"
        )
    )
    var key: String?

    /// The key path from the option, the environment, or the default.
    var keyPath: String {
        key ?? Self.defaultPath
    }

    /// `$TELEMT_GITOPS_KEY`, else the engine's default: `/etc/telemt-gitops/master.key` for root, else
    /// `<default state directory>/master.key`, so `keygen` writes where `reconcile` looks.
    static var defaultPath: String {
        if let path = ProcessInfo.processInfo.environment["TELEMT_GITOPS_KEY"], !path.isEmpty { return path }
        return EngineConfiguration.defaultKeyFile(stateDirectory: StateDirectory.defaultPath(), isRoot: geteuid() == 0)
    }
}
