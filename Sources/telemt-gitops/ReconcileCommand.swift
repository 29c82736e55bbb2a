import ArgumentParser
import Foundation
import Reconciler

/// `telemt-gitops reconcile --once`: one whole tick.
struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Apply the desired state once: fetch, validate, account traffic, enforce, write config.toml, write the status.",
        discussion: """
            One tick: read the repository (or --spec DIR) → validate → scrape telemt and record traffic → decide \
            every user's state (limited, expired, on hold) → render config.toml → write it atomically when its bytes \
            differ → confirm telemt reloaded it → write status/<node>.yaml. An invalid revision is never applied: \
            the last good config keeps serving and the error goes into the status and the exit code.
            Exit status: 0 applied or nothing to do, 1 failed (see the message), 64 bad settings.
            Examples:
              telemt-gitops reconcile --once --config /etc/telemt-gitops/config.yaml
              telemt-gitops reconcile --once --spec . --telemt-config /etc/telemt/config.toml --key master.key --no-telemt
            """
    )

    @OptionGroup(title: "Settings")
    var options: EngineOptions

    @Flag(help: "Run one tick and exit (the loop is `telemt-gitops run`).")
    var once = false

    @Flag(help: "Apply a revision that removes more than max_removal of the users.")
    var allowMassRemoval = false

    @Flag(help: "Record traffic although another installation recorded this node last (this host replaced it).")
    var takeOverNode = false

    @Option(help: ArgumentHelp("Seconds to wait for another process holding the state directory.", valueName: "seconds"))
    var lockWait: Double = 0

    func validate() throws {
        guard once else { throw ValidationError("give --once: `reconcile` runs one tick (the loop is `telemt-gitops run`)") }
        guard lockWait >= 0, lockWait <= 3_600 else { throw ValidationError("--lock-wait must be 0 to 3600 seconds") }
    }

    func run() async throws {
        let configuration = try options.resolve()
        var engine = ReconcileEngine(configuration: configuration, telemt: try options.telemt(configuration))
        engine.allowMassRemoval = allowMassRemoval
        engine.takeOverNode = takeOverNode
        engine.lockWait = lockWait
        let fleet = try options.fleetStore(configuration, logger: RunCommand.logger(format: configuration.logFormat, level: .critical,
                                                                                     node: configuration.node))
        let report = await EngineOptions.tick(engine, fleet: fleet)
        TickPrinter.print(report)
        if case .failed = report.outcome { throw ExitCode.failure }
    }
}
