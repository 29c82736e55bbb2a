import ArgumentParser
import Foundation
import Reconciler

/// `telemt-gitops plan`: what a tick would do, as a review.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what reconcile would change: users, states and the config diff (secrets masked).",
        discussion: """
            The domain diff first (+ add, - remove, ~ change, ↻ secret rotated, ! state change), a summary, then \
            the config.toml diff with every secret masked. Nothing is written and no traffic is recorded.
            Exit status: 0 no changes, 1 error, 2 changes (with --detailed-exitcode; else 0).
            Examples:
              telemt-gitops plan --config /etc/telemt-gitops/config.yaml
              telemt-gitops plan --config /etc/telemt-gitops/config.yaml --detailed-exitcode   # exit status 2: changes to apply
              telemt-gitops plan --spec . --telemt-config /etc/telemt/config.toml --key master.key --format markdown
              telemt-gitops plan --from-status --node eu-1 --format markdown   # in CI, in a checkout
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    @OptionGroup(title: "Settings")
    var options: EngineOptions

    @Option(help: ArgumentHelp("text, markdown (a pull-request comment under 65,000 characters) or json.", valueName: "format"))
    var format: Format = .text

    @Flag(help: "Exit 2 when there are changes.")
    var detailedExitcode = false

    @Flag(help: "CI: plan a checkout (--spec, default .) against its committed status/<node>.yaml; no key, host or store needed.")
    var fromStatus = false

    func run() async throws {
        let (plan, notes) = try await fromStatus ? planFromStatus() : planOnHost()
        switch format {
        case .text: print(plan.text(), terminator: "")
        case .markdown: print(plan.markdown(), terminator: "")
        case .json: print(plan.json(), terminator: "")
        }
        notes.forEach { Console.error("note: \($0)") }
        if detailedExitcode, plan.hasChanges { throw ExitCode(2) }
    }

    private func planOnHost() async throws -> (Plan, [String]) {
        let configuration = try options.resolve()
        let engine = ReconcileEngine(configuration: configuration, telemt: try options.telemt(configuration))
        let fleet = try options.fleetStore(configuration, logger: RunCommand.logger(format: configuration.logFormat, level: .critical,
                                                                                     node: configuration.node))
        let report = await EngineOptions.tick(engine, fleet: fleet, plan: true)
        if case .failed(let error) = report.outcome {
            Console.error(error.description)
            throw ExitCode.failure
        }
        guard let plan = report.plan else { throw ExitCode.failure }
        return (plan, report.notes)
    }

    private func planFromStatus() async throws -> (Plan, [String]) {
        do throws(EngineError) {
            return (try await StatusPlan(checkout: options.spec ?? ".", node: options.node ?? "local").plan(), [])
        } catch {
            Console.error(error.description)
            throw ExitCode.failure
        }
    }


}
