import ArgumentParser
import Foundation
import Reconciler
import Spec
import TelemtRender

/// `telemt-gitops links USER` (or `--all`): prints users' proxy links, optionally as QR codes.
struct LinksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "links",
        abstract: "Print a user's tg:// and https://t.me links (or every user's), optionally as QR codes.",
        discussion: """
            The secret is derived from the host's master key, so run this on the proxy host (or \
            anywhere with a copy of the key). Links are secrets: share them with their user only.
            In a fleet (`nodes:` in users.yaml) a user gets one link per node it is placed on, each \
            with that node's host, port and FakeTLS domain (every node shares the master key).
            Examples:
              telemt-gitops links alice --spec /srv/proxy-users
              telemt-gitops links alice --config /etc/telemt-gitops/config.yaml   # on the host: its repository and key
              telemt-gitops links alice --qr terminal
              telemt-gitops links alice --qr png --output alice.png
              telemt-gitops links --all --json
              telemt-gitops links --all --qr svg --output qr-codes
            """
    )

    /// The QR code formats.
    enum QRFormat: String, ExpressibleByArgument, CaseIterable {
        case terminal, svg, png
    }

    @Argument(help: ArgumentHelp("The user's name as in users.yaml (or --all).", valueName: "user"))
    var user: String?

    @Flag(help: "Every user's links; with --qr svg or png, one file per user into the --output directory.")
    var all = false

    @Option(help: ArgumentHelp("A directory with users.yaml or users/*.yaml, or one YAML file.", valueName: "path"))
    var spec: String = "."

    @Option(help: ArgumentHelp("The telemt config or template whose [censorship] tls_domain the links must match (default: telemt.toml of the repository, if any).", valueName: "file"))
    var template: String?

    @Option(help: ArgumentHelp("Read the repository (or spec) and the key from this host's configuration file, as `run` does.", valueName: "file"))
    var config: String?

    @OptionGroup(title: "Git source")
    var repo: RepoOptions

    @OptionGroup(title: "Key")
    var key: KeyOptions

    @Option(help: ArgumentHelp("Also show the tg:// link as a QR code.", valueName: "format"))
    var qr: QRFormat?

    @Option(name: [.short, .long], help: ArgumentHelp("With --qr svg or png: the file to write (with --all: the directory).", valueName: "path"))
    var output: String?

    @Flag(help: "Print JSON for scripts: user, tg and web links, and warnings.")
    var json = false

    func validate() throws {
        if all == (user != nil) { throw ValidationError(all ? "give a user or --all, not both" : "name a user, or give --all for every user") }
        if output != nil, qr == nil || qr == .terminal {
            throw ValidationError("--output writes a QR code file: add --qr svg or --qr png")
        }
        if let qr, qr != .terminal, output == nil {
            throw ValidationError("--qr \(qr.rawValue) writes \(all ? "one file per user" : "a file"): add --output \(all ? "DIR" : "FILE")")
        }
        if json, qr == .terminal { throw ValidationError("--json and --qr terminal both print to standard output: choose one") }
        if config != nil, repo.repo != nil || spec != "." {
            throw ValidationError("--config names the repository already: leave out --repo and --spec")
        }
    }

    func run() async throws {
        let (files, keyPath) = try await source()
        let loaded = try load(files)
        let users = try selectedUsers(loaded.state)
        let deriver = SecretDeriver(key: try MasterKey.load(from: keyPath))
        let mismatch = try tlsDomainMismatch(loaded.state, template: template.map { try LocalDesiredReader().file($0) } ?? files.template)
        let builder = ConfigBuilder(now: Date())
        // In a fleet, one link per node the user is on (that node's host, port and domain).
        let placed = FleetPlacement.nodes(of: loaded.state)
        let entries = users.flatMap { user in
            var warnings = mismatch.map { [$0] } ?? []
            if !builder.isEnabled(user) {
                warnings.append("'\(user.name)' is disabled or expired in the spec; the link will not connect until that changes")
            }
            let secret = deriver.secret(for: user)
            guard let nodes = placed?[user.name] else {
                return [LinkEntry(user: user.name, link: ProxyLink(endpoint: loaded.state.proxy, secret: secret), warnings: warnings)]
            }
            if nodes.isEmpty { warnings.append("'\(user.name)' is on no node: its `nodes` select none that is in `nodes:`") }
            return nodes.map { LinkEntry(user: user.name, node: $0.name, link: ProxyLink(endpoint: $0.endpoint, secret: secret), warnings: warnings) }
        }
        try LinkPrinter(qr: qr, output: output, json: json, all: all).print(entries)
    }

    /// The desired-state files and the key: from the host's configuration file, or from the flags.
    private func source() async throws -> (DesiredFiles, String) {
        guard let config else { return (try await repo.desiredFiles(localPath: spec), key.keyPath) }
        do {
            let configuration = try ConfigurationFile.load(config, environment: ProcessInfo.processInfo.environment, flags: [:],
                                                           home: NSHomeDirectory(), isRoot: getuid() == 0)
            return (try await configuration.readDesiredFiles(), key.key ?? configuration.keyFile)
        } catch let error as ConfigurationError {
            Console.error(error.description)
        } catch {
            Console.error("\(error)")
        }
        throw ExitCode.failure
    }

    private func load(_ files: DesiredFiles) throws -> LoadedSpec {
        do {
            return try SpecLoader.load(files.users)
        } catch {
            Console.error(error.report(rerun: "telemt-gitops links", effect: "no links were printed"))
            throw ExitCode.failure
        }
    }

    private func selectedUsers(_ state: DesiredState) throws -> [UserSpec] {
        guard let user else { return state.users }
        guard let entry = state.user(named: user) else {
            let hint = Suggestion.closest(to: user, among: state.users.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
            Console.error("error: no user '\(user)' in the spec\(hint)")
            throw ExitCode.failure
        }
        return [entry]
    }

    /// Why the links cannot work when the template masks as another domain than the links carry.
    private func tlsDomainMismatch(_ state: DesiredState, template: DesiredFile?) throws -> String? {
        guard let specDomain = state.proxy.tlsDomain, let template,
              let document = try? TemplateValidator.document(template.bytes),
              let served = document[["censorship", "tls_domain"]]?.stringValue,
              served.lowercased() != specDomain.lowercased()
        else { return nil }
        return "these links carry tls_domain \(specDomain) (users.yaml proxy.tls_domain) but \(template.path) has "
            + "[censorship] tls_domain = \"\(served)\": they will not connect until the two are the same"
    }
}
