import ArgumentParser

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
            ScrapeCommand.self, UsageCommand.self, FetchCommand.self,
        ]
    )
}
