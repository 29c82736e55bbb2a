public import Foundation
import Spec
import StatsSink

/// `plan` in CI: a checkout alone, no master key, no host, no store. The observed state is the
/// committed `status/<node>.yaml` — its users' states, usage and first connections — and the spec
/// at its `applied.revision`, read from the checkout's git history. The domain diff is the one the
/// host computes for the same revision; the config diff needs the host's key and is left out.
public struct StatusPlan: Sendable {
    /// The checkout (a git work tree) holding users.yaml and status/.
    public var checkout: String
    /// The node whose status is the observed state.
    public var node: String
    /// The state machine.
    public var machine: UserStateMachine
    /// The moment states are judged at.
    public var now: Date

    /// Creates a CI plan for `node` in `checkout`.
    public init(checkout: String, node: String, machine: UserStateMachine = UserStateMachine(), now: Date = Date()) {
        self.checkout = checkout
        self.node = node
        self.machine = machine
        self.now = now
    }

    /// The plan, or the error that prevents it (an invalid spec is an error here, as on the host).
    public func plan() async throws(EngineError) -> Plan {
        let files: DesiredFiles
        do { files = try LocalDesiredReader().read(checkout) } catch {
            throw EngineError(.source, path: checkout, "\(error)", hint: "run plan in a checkout of the desired-state repository")
        }
        let desired = try Self.load(files)
        let status = try readStatus(files)
        var warnings: [String] = []
        var appliedState: DesiredState?
        if let revision = status?.applied?.revision {
            do {
                appliedState = try await appliedSpec(revision)
            } catch {
                // libgit2 refuses a repository another user owns, and says so through safe.directory.
                let fix = error.message.contains("not owned by current user") || error.message.contains("safe.directory")
                    ? "run plan as the user who owns the checkout (in a container: --user with the checkout's uid)"
                    : "fetch the full history (fetch-depth: 0)"
                warnings.append("the applied revision \(revision.prefix(12)) could not be read from this checkout's history (\(error.message)); every user is shown as new — \(fix)")
            }
        } else {
            warnings.append("status/\(node).yaml \(status == nil ? "is not committed" : "names no applied revision"): every user is shown as new")
        }
        let users = status?.users ?? []
        let states = Dictionary(users.compactMap { entry in UserState(rawValue: entry.state).map { (entry.name, $0) } }, uniquingKeysWith: { a, _ in a })
        let observations = Dictionary(users.map { ($0.name, UserObservation(periodUsage: $0.used, firstConnection: $0.firstSeen)) }, uniquingKeysWith: { a, _ in a })
        let (local, applied, fleet) = try nodeView(desired, applied: appliedState)
        let changes = PlanBuilder(machine: machine, now: now).changes(applied: applied, states: states, desired: local, observations: observations)
        var plan = Plan(node: node, revision: "checkout", appliedRevision: status?.applied?.revision, changes: changes, config: nil, warnings: warnings)
        plan.plans = PlanBuilder.planMoves(applied: applied, desired: local)
        if let fleet { plan = plan.withFleet(moves: fleet.moves, placement: fleet.placement, node: node, now: now, timeZone: desired.timeZone) }
        return plan
    }

    /// This node's users in a fleet spec (every node up: CI does not see heartbeats), before and
    /// after, and the moves between the two placements; the whole specs for one node.
    private func nodeView(_ desired: DesiredState, applied: DesiredState?) throws(EngineError)
        -> (DesiredState, [UserSnapshot]?, (moves: [PlacementMove], placement: Placement)?) {
        guard let view = try FleetView.make(desired, node: node, down: [:]) else { return (desired, applied?.users.map(UserSnapshot.init), nil) }
        guard let applied, let before = try? FleetView.make(applied, node: node, down: [:]) else {
            return (view.local, applied?.users.map(UserSnapshot.init), ([], view.placement))
        }
        let moves = before.placement.moves(to: view.placement).filter { $0.from.contains(node) || $0.to.contains(node) }
        return (view.local, before.local.users.map(UserSnapshot.init), (moves, view.placement))
    }

    static func load(_ files: DesiredFiles) throws(EngineError) -> DesiredState {
        do {
            return try DesiredStateCheck(files: files).run().state
        } catch {
            throw EngineError(.invalidRevision, TickRun.errorLines(error), hint: "the host would refuse this revision too")
        }
    }

    private func readStatus(_ files: DesiredFiles) throws(EngineError) -> NodeStatus? {
        guard let file = files.status.first(where: { $0.path.hasSuffix("status/\(node).yaml") || $0.path.hasSuffix("status/\(node).yml") }) else { return nil }
        do {
            return try NodeStatus(reading: file.bytes, file: file.path)
        } catch {
            throw EngineError(.source, path: file.path, error.description)
        }
    }

    /// The spec at `revision`, read through libgit2 from the checkout itself.
    private func appliedSpec(_ revision: String) async throws(EngineError) -> DesiredState {
        guard let commit = CommitID(hex: revision) else { throw EngineError(.source, "`\(revision)` is not a commit id") }
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("telemt-gitops-plan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        do {
            let source = try GitSource(GitSourceConfiguration(url: checkout, ref: .commit(commit), cacheDirectory: cache))
            let (_, read) = try await source.fetchAndRead()
            return try Self.load(DesiredFiles(revision: read))
        } catch let error as EngineError {
            throw error
        } catch {
            throw EngineError(.source, path: checkout, "\(error)")
        }
    }
}
