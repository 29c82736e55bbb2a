import ArgumentParser
import Foundation
import Reconciler
import TelemtRender

/// `telemt-gitops import`: turns an existing telemt config.toml into a desired-state repository.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn an existing telemt config.toml into users.yaml and telemt.toml, keeping every user's link.",
        discussion: """
            Every user of [access.users] is written to users.yaml with their secret (so links stay the same), \
            limits, expiry and disabled flag; telemt.toml is the config with the user tables emptied, every \
            other byte kept. users.yaml holds secrets (mode 0600): keep the repository private. Existing files \
            in --out are never replaced. docs/migrating.md says what is kept and what changes.
            Examples:
              telemt-gitops import --telemt-config /etc/telemt/config.toml --out proxy-users --host proxy.example.com
              telemt-gitops import --telemt-config /etc/telemt/config.toml --out proxy-users --host proxy.example.com --port 8443 --timezone Europe/Moscow
            """
    )

    @Option(help: ArgumentHelp("telemt's existing config.toml.", valueName: "file"))
    var telemtConfig: String

    @Option(help: ArgumentHelp("The directory to write users.yaml and telemt.toml into (created if missing).", valueName: "dir"))
    var out: String

    @Option(help: ArgumentHelp("proxy.host: the name or address in the links (default: [general.links] public_host).", valueName: "host"))
    var host: String?

    @Option(help: ArgumentHelp("proxy.port (default: [general.links] public_port, else [server] port, else 443).", valueName: "port"))
    var port: Int?

    @Option(help: ArgumentHelp("timezone of users.yaml, an IANA name such as Europe/Moscow (default UTC).", valueName: "zone"))
    var timezone: String?

    func validate() throws {
        if let port, !(1...65_535).contains(port) { throw ValidationError("--port must be 1 to 65535") }
    }

    func run() throws {
        guard let source = FileManager.default.contents(atPath: telemtConfig) else {
            Console.error("error: cannot read \(telemtConfig): point --telemt-config at telemt's config.toml")
            throw ExitCode.failure
        }
        let imported: ImportedRepository
        do {
            imported = try TelemtConfigImport(source: Array(source), path: telemtConfig, host: host, port: port, timeZone: timezone).run()
        } catch {
            Console.error(error.description)
            throw ExitCode.failure
        }
        try write(imported)
        for warning in imported.warnings {
            let local = warning.hasPrefix("telemt.toml:") || warning.hasPrefix("users.yaml:")
            Console.error(local ? out + "/" + warning : warning)
        }
        print(nextSteps(imported))
    }

    private func write(_ imported: ImportedRepository) throws {
        let files = [("users.yaml", imported.usersYAML, mode_t(0o600)), ("telemt.toml", imported.template, mode_t(0o644))]
        let taken = files.map { out + "/" + $0.0 }.filter { FileManager.default.fileExists(atPath: $0) }
        guard taken.isEmpty else {
            Console.error("error: \(taken.joined(separator: " and ")) already exist\(taken.count == 1 ? "s" : ""); import never replaces a file: "
                + "choose an empty --out directory, or move the file away and run import again")
            throw ExitCode.failure
        }
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for (name, bytes, mode) in files { try AtomicFileWriter(newFileMode: mode).write(bytes, to: out + "/" + name) }
        } catch {
            Console.error("error: \(error)")
            throw ExitCode.failure
        }
    }

    private func nextSteps(_ imported: ImportedRepository) -> String {
        """
        imported \(imported.summary) into \(out)
        wrote \(out)/users.yaml (mode 0600: it holds every user's secret) and \(out)/telemt.toml (no secrets)
        next steps:
          1. check that nothing changes: telemt-gitops plan --spec \(out) --telemt-config \(telemtConfig) --key KEY --no-telemt
             (KEY is the host's master key, made once with `telemt-gitops keygen`: new users get secrets derived from it)
          2. commit to a private repository: cd \(out) && git init && git add users.yaml telemt.toml && git commit -m "Import telemt users" && git push
          3. point the host at the repository (docs/configuration.md) and run `telemt-gitops reconcile --once`
        """
    }
}
