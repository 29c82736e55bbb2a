import ArgumentParser
import Foundation
import Reconciler
import Spec
import TelemtRender

/// `telemt-gitops links USER`: prints a user's proxy links, optionally as a QR code.
struct LinksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "links",
        abstract: "Print a user's tg:// and https://t.me links, optionally as a QR code.",
        discussion: """
            The secret is derived from the host's master key, so run this on the proxy host (or \
            anywhere with a copy of the key). Links are secrets: share them with their user only.
            Examples:
              telemt-gitops links alice --spec /srv/proxy-users
              telemt-gitops links alice --qr terminal
              telemt-gitops links alice --qr png --output alice.png
            """
    )

    /// The QR code formats.
    enum QRFormat: String, ExpressibleByArgument, CaseIterable {
        case terminal, svg, png
    }

    @Argument(help: ArgumentHelp("The user's name as in users.yaml.", valueName: "user"))
    var user: String

    @Option(help: ArgumentHelp("A directory with users.yaml or users/*.yaml, or one YAML file.", valueName: "path"))
    var spec: String = "."

    @OptionGroup(title: "Git source")
    var repo: RepoOptions

    @OptionGroup(title: "Key")
    var key: KeyOptions

    @Option(help: ArgumentHelp("Also show the tg:// link as a QR code.", valueName: "format"))
    var qr: QRFormat?

    @Option(name: [.short, .long], help: ArgumentHelp("With --qr svg or png: the file to write.", valueName: "file"))
    var output: String?

    func validate() throws {
        if let qr, qr != .terminal, output == nil {
            throw ValidationError("--qr \(qr.rawValue) writes a file: add --output FILE")
        }
    }

    func run() async throws {
        let loaded = try await loadSpec()
        guard let entry = loaded.state.user(named: user) else {
            let names = loaded.state.users.map(\.name)
            let hint = Suggestion.closest(to: user, among: names).map { " (did you mean '\($0)'?)" } ?? ""
            Console.error("error: no user '\(user)' in the spec\(hint)")
            throw ExitCode.failure
        }
        let deriver = SecretDeriver(key: try MasterKey.load(from: key.keyPath))
        let link = ProxyLink(endpoint: loaded.state.proxy, secret: deriver.secret(for: entry))
        if !ConfigBuilder(now: Date()).isEnabled(entry) {
            Console.error("warning: '\(user)' is disabled or expired in the spec; the link will not connect until that changes")
        }
        print(link.telegramURL)
        print(link.webURL)
        try writeQR(for: link.telegramURL)
    }

    private func loadSpec() async throws -> LoadedSpec {
        let files = try await repo.desiredFiles(localPath: spec)
        do {
            return try SpecLoader.load(files.users)
        } catch {
            Console.error(error.description)
            throw ExitCode.failure
        }
    }

    private func writeQR(for text: String) throws {
        guard let qr else { return }
        let code = try QRCode(encoding: text)
        switch qr {
        case .terminal:
            print(code.terminalText(), terminator: "")
        case .svg:
            try write(Array(code.svg().utf8))
        case .png:
            try write(code.png())
        }
    }

    private func write(_ bytes: [UInt8]) throws {
        guard let output else { return }
        let outcome = try AtomicFileWriter(newFileMode: 0o600).write(bytes, to: output)
        Console.error(outcome == .written ? "wrote \(output) (mode 0600: it holds the user's secret)" : "\(output) is up to date")
    }
}
