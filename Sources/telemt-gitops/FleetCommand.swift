import ArgumentParser
import Foundation
import Reconciler
import Spec

/// `telemt-gitops fleet`: the nodes of a fleet, from their committed status files.
struct FleetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleet",
        abstract: "Show a fleet's nodes: health, users placed and served, revision applied and lag, traffic this period.",
        discussion: """
            Reads the repository (or --spec directory) and every node's committed status/<node>.yaml; \
            needs no key, no telemt and no state directory, so it runs anywhere with read access. A node \
            is down when its heartbeat is older than fleet.down_after (5m); PLACED counts the users \
            placement gives it with the down nodes left out, SERVED the users its last status lists. \
            LAG is how many desired-state commits its applied revision is behind the branch. TRAFFIC is \
            its users' bytes in their current periods as its status shows them (rounded down to the \
            status's buckets).
            Exit status: 0 every node up, 1 error, 3 a node is down or has no status (with --detailed-exitcode; else 0).
            Examples:
              telemt-gitops fleet --config /etc/telemt-gitops/config.yaml
              telemt-gitops fleet --repo git@github.com:acme/proxy-users.git --ssh-key deploy_key --known-hosts known_hosts
              telemt-gitops fleet --spec . --json
            """
    )

    @OptionGroup(title: "Settings")
    var options: EngineOptions

    @Flag(help: "Print JSON for scripts.")
    var json = false

    @Flag(help: "Exit 3 when a node is down or has no status.")
    var detailedExitcode = false

    func run() async throws {
        let configuration = try options.resolve()
        let snapshot: FleetSnapshot
        do {
            snapshot = try await configuration.readFleet()
        } catch {
            Console.error(error.description)
            throw ExitCode.failure
        }
        let desired: DesiredState
        do {
            desired = try SpecLoader.load(snapshot.files.users).state
        } catch {
            Console.error(error.report(rerun: "telemt-gitops fleet", effect: "no fleet was shown"))
            throw ExitCode.failure
        }
        guard !desired.nodes.isEmpty else {
            Console.error("error: users.yaml has no `nodes:` section: this is one proxy, not a fleet; add `nodes:` (docs/fleet.md) or use `plan`")
            throw ExitCode.failure
        }
        let report = FleetReport.make(desired, revision: snapshot.revision, statusFiles: snapshot.statusFiles, now: Date(),
                                      downAfter: configuration.fleet.downAfter, lag: { snapshot.lags[$0] })
        print(json ? report.json() : report.text(timeZone: desired.timeZone), terminator: "")
        if detailedExitcode, report.rows.contains(where: { $0.health != "up" }) { throw ExitCode(3) }
    }
}
