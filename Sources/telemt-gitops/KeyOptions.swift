import ArgumentParser
import Foundation

/// Where the host's master key is.
struct KeyOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The master key file (64 hex digits, mode 0600).",
            discussion: "Defaults to $TELEMT_GITOPS_KEY, else /etc/telemt-gitops/master.key. Create it with `keygen`.",
            valueName: "file"
        )
    )
    var key: String?

    /// The key path from the option, the environment, or the default.
    var keyPath: String {
        key ?? ProcessInfo.processInfo.environment["TELEMT_GITOPS_KEY"] ?? "/etc/telemt-gitops/master.key"
    }
}
