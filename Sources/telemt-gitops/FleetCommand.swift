import ArgumentParser
import Foundation
import Reconciler
import Spec
import StatsSink

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
            status's buckets); with a shared store (store: postgres://…), every byte the store holds for \
            the node in this calendar month of users.yaml's time zone.
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
        let now = Date()
        let traffic = try await storeTraffic(configuration, nodes: desired.nodes.map(\.name), now: now, timeZone: desired.timeZone)
        let report = FleetReport.make(desired, revision: snapshot.revision, statusFiles: snapshot.statusFiles, now: now,
                                      downAfter: configuration.fleet.downAfter, lag: { snapshot.lags[$0] }, traffic: traffic)
        print(json ? report.json() : report.text(timeZone: desired.timeZone), terminator: "")
        if detailedExitcode, report.rows.contains(where: { $0.health != "up" }) { throw ExitCode(3) }
    }

    /// Each node's bytes this calendar month from the fleet store, when there is one; nil without one
    /// or when it cannot be read (said on standard error: the status files' traffic stands in).
    private func storeTraffic(_ configuration: EngineConfiguration, nodes: [String], now: Date, timeZone: TimeZone) async throws -> [String: UInt64]? {
        let logger = RunCommand.logger(format: configuration.logFormat, level: .critical, node: configuration.node)
        guard let fleet = try options.fleetStore(configuration, logger: logger) else { return nil }
        let month = UsagePeriod.containing(now, reset: .monthly, timeZone: timeZone).interval
        let result: Result<[String: UInt64], any Error> = await fleet.whileRunning { store in
            do {
                var traffic: [String: UInt64] = [:]
                for node in nodes {
                    let usage = try await store.usage(in: month, filter: UsageFilter(node: node))
                    traffic[node] = usage.reduce(0) { sum, user in
                        let (total, overflow) = sum.addingReportingOverflow(user.total)
                        return overflow ? .max : total
                    }
                }
                return .success(traffic)
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let traffic): return traffic
        case .failure(let error):
            Console.error("warning: the fleet store \(fleet.name) could not be read (\(error)); TRAFFIC is from the status files")
            return nil
        }
    }
}
