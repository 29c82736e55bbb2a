import Foundation
import Spec
import StatsSink
import TelemtRender
import TestSupport
@testable import Reconciler

/// A fleet for engine tests: one git remote, and per node a telemt stand-in, a state directory and an
/// engine with its own `--node`; one master key (a fleet shares it, so a user's link is the same on
/// every node) and one injected clock.
final class FleetHarness {
    final class Node {
        let name: String
        let telemt: TelemtStandIn
        var engine: ReconcileEngine

        init(name: String, telemt: TelemtStandIn, engine: ReconcileEngine) {
            self.name = name
            self.telemt = telemt
            self.engine = engine
        }

        /// The users in this node's config.toml.
        func users() throws -> [String] {
            let text = (try? String(contentsOf: telemt.configURL, encoding: .utf8)) ?? ""
            // A node with no users renders no [access.users] table.
            return text.contains("\n[access.users]") ? try ManagedTables.read(from: text).map(\.name).filter { $0 != "telemt-gitops-idle" } : []
        }
    }

    let repo: TestRepository
    let clock: EngineHarness.Clock
    let scratch: TemporaryDirectory
    private(set) var nodes: [String: Node] = [:]

    init(users: String, start: Date) throws {
        repo = try TestRepository(label: "fleet")
        try repo.commitAndPush(["users.yaml": users, "telemt.toml": EngineHarness.template], message: "users")
        clock = EngineHarness.Clock(start)
        scratch = try TemporaryDirectory("fleet-hosts")
        try MasterKey.generate().write(to: scratch.path("master.key").path)
    }

    deinit { for node in nodes.values { node.telemt.stop() } }

    /// Starts node `name` (its stand-in and engine).
    @discardableResult
    func add(_ name: String, extra: [String: String] = [:], store: (any StatsStore)? = nil) throws -> Node {
        let telemt = try TelemtStandIn(config: EngineHarness.template, poll: 0.1)
        let configuration = try EngineHarness.configuration(node: name, remote: repo.remote.path, key: scratch.path("master.key").path,
                                                            state: scratch.path("state-\(name)").path, telemt: telemt,
                                                            home: scratch.url.path, extra: extra)
        let scraper = TelemtScraper(metrics: try MetricsScraper(url: configuration.telemt.metrics, clock: clock),
                                    api: try TelemtAPIClient(baseURL: configuration.telemt.api!))
        let clock = self.clock
        var engine = ReconcileEngine(configuration: configuration, telemt: LiveTelemt(scraper: scraper), clock: { clock.current })
        engine.fleetStore = store
        // Generous: under a full test run the server shares two cores with everything else.
        engine.fleetStoreTimeout = .seconds(30)
        let node = Node(name: name, telemt: telemt, engine: engine)
        nodes[name] = node
        return node
    }

    /// Node `name`'s daemon started again: a new engine (no memory, no caches) on the same state directory.
    func restart(_ name: String) {
        guard let node = nodes[name] else { return }
        let clock = self.clock
        var engine = ReconcileEngine(configuration: node.engine.configuration, telemt: node.engine.telemt, clock: { clock.current })
        engine.fleetStore = node.engine.fleetStore
        engine.fleetStoreTimeout = node.engine.fleetStoreTimeout
        node.engine = engine
    }

    /// The text of `path` on the remote's branch.
    func committed(_ path: String) throws -> String {
        try Shell.run(["git", "--git-dir", repo.remote.path, "show", "\(repo.branch):\(path)"])
    }

    /// Ticks the named nodes in order (all, sorted, by default); the reports by node.
    @discardableResult
    func tick(_ names: [String]? = nil) async -> [String: TickReport] {
        var reports: [String: TickReport] = [:]
        for name in names ?? nodes.keys.sorted() { reports[name] = await nodes[name]!.engine.tick() }
        return reports
    }

    /// Every node's users, by node.
    func placement() throws -> [String: [String]] {
        try nodes.mapValues { try $0.users() }
    }

    /// Commits on top of the status commits the nodes pushed.
    func push(_ files: [String: String?], message: String = "change") throws {
        _ = try repo.git("pull", "-q", "--rebase", "origin", repo.branch)
        try repo.commitAndPush(files, message: message)
    }

    /// Advances the clock by `seconds`.
    func advance(_ seconds: TimeInterval) {
        clock.set(clock.current.addingTimeInterval(seconds))
    }
}
