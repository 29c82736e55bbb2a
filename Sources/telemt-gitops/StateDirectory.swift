import Foundation

/// Where telemt-gitops keeps its state (the git cache) when `--state-dir` is not given.
enum StateDirectory {
    /// `$TELEMT_GITOPS_STATE_DIR`; else `/var/lib/telemt-gitops` for root (a service); else
    /// `$XDG_STATE_HOME/telemt-gitops`, or `~/.local/state/telemt-gitops` (a person trying it out).
    static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment,
                            isRoot: Bool = geteuid() == 0) -> String {
        if let explicit = environment["TELEMT_GITOPS_STATE_DIR"], !explicit.isEmpty { return explicit }
        if isRoot { return "/var/lib/telemt-gitops" }
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") { return xdg + "/telemt-gitops" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/state/telemt-gitops"
    }
}
