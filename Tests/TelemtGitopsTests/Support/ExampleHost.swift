import Foundation
import TestSupport

/// The sandbox one example of a `--help` text or of the docs (DocExample) runs in, shaped like the
/// host and the checkout the example assumes.
///
/// - `root` stands for the host's file system: every absolute path an example names is read under
///   it. It holds /etc/telemt-gitops/master.key (made by `keygen`, except for keygen's own
///   examples), /etc/telemt-gitops/config.yaml (node eu-1, tracking `remote` over file://, telemt
///   as below), /etc/telemt/config.toml (telemt's config before the first render:
///   examples/telemt.toml) and /srv/proxy-users (a copy of the desired state). The state directory
///   is /var/lib/telemt-gitops under it; for `usage`, its stats.sqlite holds what one reconcile
///   recorded of alice's traffic.
/// - `checkout`, the working directory, is the admin's clone of the desired-state repository:
///   examples/users.yaml (for `fleet`, with two `nodes:`), examples/telemt.toml and proxies/eu1/users.yaml (for `--path`), next to
///   the untracked files examples name by relative path: master.key (made by `keygen`), and where
///   an example fetches with them, deploy_key, known_hosts and token.
/// - `remote` is that repository as a bare repository. For `plan --from-status`, the host has
///   reconciled it once and the checkout has pulled the status/eu-1.yaml that reconcile pushed.
///
/// What points outside the sandbox is replaced, and nothing else:
/// - an absolute path P → `root` + P;
/// - `git@github.com:acme/proxy-users.git` → ssh:// to a loopback sshd serving `remote`; deploy_key
///   is the key it accepts and known_hosts holds its host key;
/// - `https://git.example.com/ops/proxy.git` → http:// to git http-backend on loopback serving
///   `remote`, which asks for the token in `token` as basic auth; `--allow-insecure-transport` is
///   added, as loopback has no TLS;
/// - telemt, where an example reads it (HelpExample.needsTelemt): the telemt stand-in, already
///   serving alice; config.yaml names its config file, metrics and API, and its addresses replace
///   `http://127.0.0.1:9090/metrics` and `http://127.0.0.1:9091` in the example and the metrics
///   default (TELEMT_GITOPS_TELEMT_METRICS);
/// - the daemon that `healthcheck` asks: `run` on a DaemonHost of its own, ready, on a free port
///   that replaces 127.0.0.1:8081 and is the default listen address (TELEMT_GITOPS_LISTEN);
/// - the defaults that name the host: HOME → a directory here, the state directory and the key
///   /etc/telemt-gitops/master.key → under `root` (TELEMT_GITOPS_STATE_DIR, TELEMT_GITOPS_KEY); no
///   other TELEMT_GITOPS_* variable of the test's environment reaches the example.
final class ExampleHost {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let sshRemote = "git@github.com:acme/proxy-users.git"
    static let httpsRemote = "https://git.example.com/ops/proxy.git"
    static let users = try! String(contentsOfFile: CLI.root + "/examples/users.yaml", encoding: .utf8)
    static let template = try! String(contentsOfFile: CLI.root + "/examples/telemt.toml", encoding: .utf8)
    static let monorepoUsers = "version: 1\nproxy: { host: eu1.example.com }\nusers:\n  alice: {}\n"
    /// The desired state of `fleet`'s examples: the example users on two nodes.
    static let fleetUsers = users + "nodes:\n  eu-1: { host: eu1.example.com, region: Frankfurt }\n  eu-2: { host: eu2.example.com, weight: 2 }\n"

    let scratch: Scratch
    let root: String
    let checkout: String
    let remote: String
    var stateDirectory: String { root + "/var/lib/telemt-gitops" }
    private var telemt: TelemtStandIn?
    private var servers: [AnyObject] = []
    private var replacements: [String: [String]] = [:]
    private var daemonAddress: String?

    init(for example: HelpExample) throws {
        scratch = try Scratch()
        root = scratch.file("root")
        checkout = scratch.file("checkout")
        remote = scratch.file("remote/proxy.git")
        for directory in [scratch.file("home"), stateDirectory] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        try makeRepository(users: example.command == "fleet" ? Self.fleetUsers : Self.users)
        if example.needsTelemt { try startTelemt() }
        try makeHost(hostKey: example.command != "keygen")
        if example.words.contains(Self.sshRemote) { try serveOverSSH() }
        if example.words.contains(Self.httpsRemote) { try serveOverHTTP() }
        if example.command == "usage" { try recordTraffic() }
        if example.words.contains("--from-status") { try reconcileAndPull() }
        if example.command == "run" { try listenOnAFreePort() }
        if example.command == "healthcheck" { try runADaemon() }
    }

    /// The daemon `healthcheck` asks: `run` on a host of its own (DaemonHost), ready, on a free port
    /// that replaces 127.0.0.1:8081 and is the default through TELEMT_GITOPS_LISTEN.
    private func runADaemon() throws {
        let host = try DaemonHost(users: Self.users)
        try host.start()
        try host.waitUntilReady()
        servers.append(host)
        daemonAddress = "127.0.0.1:\(host.port)"
        replacements["127.0.0.1:8081"] = [daemonAddress!]
    }

    /// `run` listens on a free port here, not on the example's 127.0.0.1:8080 or :8081.
    private func listenOnAFreePort() throws {
        let address = "127.0.0.1:\(try LoopbackServer.freePort())"
        replacements["127.0.0.1:8081"] = [address]
        let config = root + "/etc/telemt-gitops/config.yaml"
        try (try String(contentsOfFile: config, encoding: .utf8) + "listen: \(address)\n").write(toFile: config, atomically: true, encoding: .utf8)
    }

    deinit { telemt?.stop() }

    /// The example's arguments (the words after `telemt-gitops`) with the replacements above.
    func arguments(_ example: HelpExample) -> [String] {
        example.words.dropFirst().flatMap { word in replacements[word] ?? [word.hasPrefix("/") ? root + word : word] }
    }

    /// The environment every command runs with here.
    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TELEMT_GITOPS_") && $0.key != "XDG_STATE_HOME" }
        environment["HOME"] = scratch.file("home")
        environment["TELEMT_GITOPS_STATE_DIR"] = stateDirectory
        environment["TELEMT_GITOPS_KEY"] = root + "/etc/telemt-gitops/master.key"
        if let telemt { environment["TELEMT_GITOPS_TELEMT_METRICS"] = "http://127.0.0.1:\(telemt.metricsPort)/metrics" }
        if let daemonAddress { environment["TELEMT_GITOPS_LISTEN"] = daemonAddress }
        return environment
    }

    /// Runs telemt-gitops here, as preparation: anything but exit status 0 is a failure.
    private func prepare(_ arguments: [String]) throws {
        let result = try CLI.run(arguments, in: checkout, environment: environment)
        guard result.status == 0 else {
            throw Failure(description: "preparing the sandbox: telemt-gitops \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
    }

    /// git without user or system configuration, as a fixed author; anything but exit status 0 is a failure.
    private func git(_ arguments: String...) throws {
        let result = try CLI.run("/usr/bin/env", ["git"] + arguments, in: scratch.path, environment: CLI.gitEnvironment(environment))
        guard result.status == 0 else {
            throw Failure(description: "git \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
    }

    private func makeRepository(users: String) throws {
        try git("init", "-q", "--bare", "-b", "main", remote)
        try git("init", "-q", "-b", "main", checkout)
        try scratch.write("checkout/users.yaml", users)
        try scratch.write("checkout/telemt.toml", Self.template)
        try scratch.write("checkout/proxies/eu1/users.yaml", Self.monorepoUsers)
        try git("-C", checkout, "add", "-A")
        try git("-C", checkout, "commit", "-q", "-m", "Users of proxy.example.com and eu1")
        try git("-C", checkout, "remote", "add", "origin", remote)
        try git("-C", checkout, "push", "-q", "-u", "origin", "main")
    }

    /// telemt, already serving alice, so that there is traffic to scrape.
    private func startTelemt() throws {
        let telemt = try TelemtStandIn(config: Self.template + "[access.users]\nalice = \"\(String(repeating: "0", count: 31))1\"\n", poll: 0.1)
        self.telemt = telemt
        replacements["http://127.0.0.1:9090/metrics"] = ["http://127.0.0.1:\(telemt.metricsPort)/metrics"]
        replacements["http://127.0.0.1:9091"] = ["http://127.0.0.1:\(telemt.apiPort)"]
    }

    /// The host's files; without `hostKey`, /etc/telemt-gitops/master.key is left for `keygen` to make.
    private func makeHost(hostKey: Bool) throws {
        let telemtConfig = telemt?.configURL.path ?? root + "/etc/telemt/config.toml"
        var settings = ["node: eu-1", "repo: { url: \"file://\(remote)\" }", "key: \(root)/etc/telemt-gitops/master.key",
                        "state_dir: \(stateDirectory)", "telemt:", "  config: \(telemtConfig)"]
        if let telemt {
            settings += ["  metrics: http://127.0.0.1:\(telemt.metricsPort)/metrics", "  api: http://127.0.0.1:\(telemt.apiPort)",
                         "  reload_timeout: 5s"]
        }
        try scratch.write("root/etc/telemt-gitops/config.yaml", settings.joined(separator: "\n") + "\n")
        try scratch.write("root/etc/telemt/config.toml", Self.template)
        try scratch.write("root/srv/proxy-users/users.yaml", Self.users)
        try scratch.write("root/srv/proxy-users/telemt.toml", Self.template)
        if hostKey { try prepare(["keygen", "--out", root + "/etc/telemt-gitops/master.key"]) }
        try prepare(["keygen", "--out", checkout + "/master.key"])
    }

    private func serveOverSSH() throws {
        let ssh = try SSHServer(scratch: URL(fileURLWithPath: scratch.path))
        servers.append(ssh)
        try FileManager.default.copyItem(atPath: ssh.deployKey.path, toPath: checkout + "/deploy_key")
        try scratch.write("checkout/known_hosts", ssh.knownHostsLine)
        replacements[Self.sshRemote] = [ssh.url(for: URL(fileURLWithPath: remote))]
    }

    private func serveOverHTTP() throws {
        let token = "token-\(UUID().uuidString)"
        let http = try HTTPBackend.start(root: URL(fileURLWithPath: remote).deletingLastPathComponent(),
                                         basicAuth: "x-access-token:\(token)", scratch: URL(fileURLWithPath: scratch.path))
        servers.append(http)
        try scratch.write("checkout/token", token + "\n")
        replacements[Self.httpsRemote] = ["http://127.0.0.1:\(http.port)/proxy.git", "--allow-insecure-transport"]
    }

    /// The host's store (/var/lib/telemt-gitops/stats.sqlite) as reconcile leaves it after alice's traffic.
    private func recordTraffic() throws {
        guard let telemt else { throw Failure(description: "usage reads what reconcile recorded from telemt: start the stand-in") }
        try telemt.traffic("alice", from: 1_000_000, to: 4_000_000)
        try prepare(["reconcile", "--once", "--config", root + "/etc/telemt-gitops/config.yaml"])
    }

    /// What CI sees after the host applied the repository once: status/eu-1.yaml committed.
    private func reconcileAndPull() throws {
        try prepare(["reconcile", "--once", "--config", root + "/etc/telemt-gitops/config.yaml", "--no-telemt"])
        try git("-C", checkout, "pull", "-q", "--ff-only")
    }
}
