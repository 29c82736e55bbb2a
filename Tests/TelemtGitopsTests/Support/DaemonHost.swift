import Crypto
import Foundation
import TestSupport

/// A proxy host for `telemt-gitops run` tests: a bare git remote with a checkout to push from, the
/// telemt stand-in, a master key, a webhook secret and config.yaml; starts the daemon as a real
/// process and stops it (SIGKILL) when released.
final class DaemonHost {
    struct Failure: Error, CustomStringConvertible { let description: String }

    static let template = try! String(contentsOfFile: CLI.root + "/examples/telemt.toml", encoding: .utf8)
    static let secret = "webhook-secret-\(UUID().uuidString.prefix(8))"

    let scratch: Scratch
    let telemt: TelemtStandIn
    let port: Int
    var remote: String { scratch.file("remote.git") }
    var checkout: String { scratch.file("checkout") }
    var stateDirectory: String { scratch.file("state") }
    var configPath: String { telemt.configURL.path }
    private(set) var daemon: Process?
    private var logs = 0

    /// A host whose repository holds `users`; `settings` are more lines of config.yaml.
    init(users: String, settings: [String] = [], remoteURL: String? = nil) throws {
        scratch = try Scratch()
        telemt = try TelemtStandIn(config: Self.template + "[access.users]\nalice = \"\(String(repeating: "0", count: 31))1\"\n", poll: 0.05)
        port = try LoopbackServer.freePort()
        try git("init", "-q", "--bare", "-b", "main", remote)
        try git("init", "-q", "-b", "main", checkout)
        try scratch.write("checkout/telemt.toml", Self.template)
        try push(users, message: "Initial users")
        let key = try CLI.run(["keygen", "--out", scratch.file("master.key")])
        guard key.status == 0 else { throw Failure(description: key.stderr) }
        try scratch.write("webhook.secret", Self.secret + "\n")
        let lines = ["node: n1", "repo: { url: \"\(remoteURL ?? "file://" + remote)\", branch: main, status_branch: status }",
                     "key: \(scratch.file("master.key"))", "state_dir: \(stateDirectory)", "telemt:", "  config: \(configPath)",
                     "  metrics: http://127.0.0.1:\(telemt.metricsPort)/metrics", "  api: http://127.0.0.1:\(telemt.apiPort)",
                     "  reload_timeout: 3s", "listen: 127.0.0.1:\(port)", "webhooks: { secret_file: \(scratch.file("webhook.secret")) }"]
        try scratch.write("config.yaml", (lines + settings).joined(separator: "\n") + "\n")
    }

    deinit {
        if let daemon, daemon.isRunning { kill(daemon.processIdentifier, SIGKILL); daemon.waitUntilExit() }
        telemt.stop()
    }

    /// Commits `users` as users.yaml and pushes it; returns the commit.
    @discardableResult
    func push(_ users: String, message: String = "Change users") throws -> String {
        try scratch.write("checkout/users.yaml", users)
        try git("-C", checkout, "add", "-A")
        try git("-C", checkout, "commit", "-q", "--allow-empty", "-m", message)
        if (try? git("-C", checkout, "remote", "get-url", "origin")) == nil { try git("-C", checkout, "remote", "add", "origin", remote) }
        try git("-C", checkout, "push", "-q", "origin", "main")
        return try git("-C", checkout, "rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Starts `telemt-gitops run --config config.yaml` plus `arguments`; its log goes to a file.
    func start(_ arguments: [String] = []) throws {
        logs += 1
        let log = scratch.file("run-\(logs).log")
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["run", "--config", scratch.file("config.yaml"), "--log-level", "debug"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        daemon = process
    }

    /// The current daemon's log.
    var log: String { (try? scratch.read("run-\(logs).log")) ?? "" }

    /// Sends `signal` to the daemon.
    func signal(_ signal: Int32) {
        if let daemon { kill(daemon.processIdentifier, signal) }
    }

    /// Waits for the daemon to exit; its status, or nil when it still runs after `timeout`. The waits
    /// here block the test's own thread on purpose: they time the daemon, and a wait that needed the
    /// shared executor would time the test runner's other suites instead.
    func waitForExit(timeout: Double) -> Int32? {
        guard let daemon else { return nil }
        let deadline = Date().addingTimeInterval(timeout)
        while daemon.isRunning, Date() < deadline { usleep(20_000) }
        return daemon.isRunning ? nil : daemon.terminationStatus
    }

    /// GET `path` on the daemon.
    func get(_ path: String, timeout: Double = 5) throws -> LoopbackHTTP.Response {
        try LoopbackHTTP.request(port: port, path: path, timeout: timeout)
    }

    /// Waits until /readyz answers 200.
    func waitUntilReady(timeout: Double = 90) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let response = try? get("/readyz", timeout: 1), response.status == 200 { return }
            usleep(50_000)
        }
        throw Failure(description: "the daemon did not become ready: \(log.suffix(3_000))")
    }

    /// POSTs a push webhook for `commit`, signed GitHub's way with `secret` (unsigned when nil).
    func webhook(commit: String, ref: String = "refs/heads/main", secret: String? = DaemonHost.secret, delivery: String = UUID().uuidString)
        throws -> LoopbackHTTP.Response {
        let body = Data(#"{"ref":"\#(ref)","after":"\#(commit)","repository":{"full_name":"acme/users"}}"#.utf8)
        var headers = ["Content-Type": "application/json", "X-GitHub-Event": "push", "X-GitHub-Delivery": delivery]
        if let secret {
            let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
            headers["X-Hub-Signature-256"] = "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
        }
        return try LoopbackHTTP.request(port: port, method: "POST", path: "/hooks/git", body: body, headers: headers)
    }

    /// The users in telemt's config.
    func configUsers() -> Set<String> {
        let text = (try? String(contentsOf: telemt.configURL, encoding: .utf8)) ?? ""
        guard let start = text.range(of: "[access.users]\n") else { return [] }
        return Set(text[start.upperBound...].split(separator: "\n").prefix { !$0.hasPrefix("[") }
            .compactMap { $0.split(separator: " ").first.map(String.init) })
    }

    /// Polls until `condition` holds; how long it took, or nil after `timeout`.
    func wait(timeout: Double, _ condition: () -> Bool) -> Double? {
        let start = Date()
        while Date().timeIntervalSince(start) < timeout {
            if condition() { return Date().timeIntervalSince(start) }
            usleep(10_000)
        }
        return condition() ? Date().timeIntervalSince(start) : nil
    }

    /// git without user or system configuration, as a fixed author.
    @discardableResult
    func git(_ arguments: String...) throws -> String {
        let result = try CLI.run("/usr/bin/env", ["git"] + arguments, in: scratch.path,
                                 environment: CLI.gitEnvironment(ProcessInfo.processInfo.environment))
        guard result.status == 0 else { throw Failure(description: "git \(arguments.joined(separator: " ")): \(result.stderr)") }
        return result.stdout
    }

    /// The daemon's resident memory (kB) and open descriptors, from /proc.
    func resources() -> (rssKB: Int, descriptors: Int) {
        guard let daemon else { return (0, 0) }
        let status = (try? String(contentsOfFile: "/proc/\(daemon.processIdentifier)/status", encoding: .utf8)) ?? ""
        let rss = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
            .flatMap { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first }.flatMap { Int($0) } ?? 0
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(daemon.processIdentifier)/fd").count) ?? 0
        return (rss, fds)
    }
}
