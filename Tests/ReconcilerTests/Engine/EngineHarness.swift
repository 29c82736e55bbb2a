import Foundation
import Spec
import StatsSink
import TelemtRender
import TestSupport
@testable import Reconciler

/// A host for engine tests: a git repository (file:// remote), the telemt stand-in, a master key,
/// a state directory and an injected clock.
final class EngineHarness {
    final class Clock: StatsClock, @unchecked Sendable {
        func now() -> Date { current }
        private let lock = NSLock()
        private var value: Date
        init(_ start: Date) { value = start }
        var current: Date { lock.withLock { value } }
        func set(_ date: Date) { lock.withLock { value = date } }
    }

    let repo: TestRepository
    let telemt: TelemtStandIn
    let clock: Clock
    let scratch: TemporaryDirectory
    static let template = try! String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../examples/telemt.toml").standardized, encoding: .utf8)

    init(users: String, start: Date) throws {
        repo = try TestRepository(label: "engine")
        try repo.commitAndPush(["users.yaml": users, "telemt.toml": Self.template], message: "users")
        telemt = try TelemtStandIn(config: Self.template, poll: 0.1)
        clock = Clock(start)
        scratch = try TemporaryDirectory("engine-host")
        try MasterKey.generate().write(to: scratch.path("master.key").path)
    }

    deinit { telemt.stop() }

    func configuration(_ extra: [String: String] = [:]) throws -> EngineConfiguration {
        try Self.configuration(node: "eu-1", remote: repo.remote.path, key: scratch.path("master.key").path,
                               state: scratch.path("state").path, telemt: telemt, home: scratch.url.path, extra: extra)
    }

    /// A host's settings as flags: node `node` tracking `remote`, with `telemt`'s config, metrics and API.
    static func configuration(node: String, remote: String, key: String, state: String, telemt: TelemtStandIn, home: String,
                              extra: [String: String] = [:]) throws -> EngineConfiguration {
        var flags: [String: Setting] = [
            "node": .text(node, from: .flag("--node")),
            "repo.url": .text("file://" + remote, from: .flag("--repo")),
            "key": .text(key, from: .flag("--key")),
            "state_dir": .text(state, from: .flag("--state-dir")),
            "telemt.config": .text(telemt.configURL.path, from: .flag("--telemt-config")),
            "telemt.metrics": .text("http://127.0.0.1:\(telemt.metricsPort)/metrics", from: .flag("--metrics")),
            "telemt.api": .text("http://127.0.0.1:\(telemt.apiPort)", from: .flag("--api")),
            "telemt.reload_timeout": .text("5s", from: .flag("--reload-timeout")),
        ]
        for (key, value) in extra { flags[key] = .text(value, from: .flag("--" + key)) }
        let layers = try ConfigurationLayers(file: nil, environment: [:], flags: flags)
        return try EngineConfiguration.resolve(layers, home: home, isRoot: false)
    }

    func engine(_ extra: [String: String] = [:]) throws -> ReconcileEngine {
        let configuration = try configuration(extra)
        let scraper = TelemtScraper(metrics: try MetricsScraper(url: configuration.telemt.metrics, clock: clock),
                                    api: try TelemtAPIClient(baseURL: configuration.telemt.api!))
        let clock = self.clock
        return ReconcileEngine(configuration: configuration, telemt: LiveTelemt(scraper: scraper), clock: { clock.current })
    }

    /// Commits on top of whatever status commits the engine pushed.
    func push(_ files: [String: String?], message: String = "change") throws {
        try repo.git("pull", "-q", "--rebase", "origin", repo.branch)
        try repo.commitAndPush(files, message: message)
    }

    /// The status file as committed on the remote.
    func committedStatus() throws -> String {
        try Shell.run(["git", "--git-dir", repo.remote.path, "show", "\(repo.branch):status/eu-1.yaml"])
    }

    var configText: String { (try? String(contentsOf: telemt.configURL, encoding: .utf8)) ?? "" }
}
