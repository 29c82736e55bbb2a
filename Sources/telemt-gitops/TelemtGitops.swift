import ArgumentParser
import Foundation

/// The `telemt-gitops` command: a GitOps reconciler for the telemt MTProxy server.
@main
struct TelemtGitops: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "telemt-gitops",
        abstract: "Manage a telemt MTProxy's users from a git repository.",
        discussion: """
            Admins keep users and limits in users.yaml; telemt-gitops validates it, renders \
            telemt's config.toml, accounts traffic and enforces quotas and expiries.
            """,
        version: "0.1.0",
        subcommands: [
            ValidateCommand.self, RenderCommand.self, LinksCommand.self, KeygenCommand.self, SchemaCommand.self,
            ScrapeCommand.self, UsageCommand.self, FetchCommand.self, PlanCommand.self, ReconcileCommand.self, RunCommand.self, HealthcheckCommand.self,
            ExplainCommand.self,
            ImportCommand.self, FleetCommand.self,
        ]
    )

    /// Parses and runs the command; every failure is printed in one style, `error: …` like a compiler.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            report(error)
        }
    }

    /// Prints `error` (help and version go to standard output as usual) and exits with its status.
    private static func report(_ error: any Error) -> Never {
        let code = exitCode(for: error)
        guard code != .success else { exit(withError: error) }
        let message = fullMessage(for: error)
        if !message.isEmpty { Console.error(ErrorStyle.compilerLike(message)) }
        Foundation.exit(code.rawValue)
    }
}
