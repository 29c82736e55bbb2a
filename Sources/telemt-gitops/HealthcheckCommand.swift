import ArgumentParser
import Foundation
import StatsSink

/// `telemt-gitops healthcheck`: asks a running daemon whether it is alive (or ready), for
/// container `HEALTHCHECK`s and scripts that have no curl.
struct HealthcheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "healthcheck",
        abstract: "Ask a running daemon (telemt-gitops run) for /healthz or /readyz; exit 0 when it answers 200.",
        discussion: """
            Exit status: 0 healthy (ready, with --ready), 1 otherwise; the reason goes to standard error.
            /healthz answers while the daemon's loop lives; /readyz once a tick has succeeded recently.
            Examples:
              telemt-gitops healthcheck                           # the HEALTHCHECK of the container image
              telemt-gitops healthcheck --listen 127.0.0.1:8081 --ready
            """
    )

    @Option(help: ArgumentHelp("The daemon's listen address (default: $TELEMT_GITOPS_LISTEN, else 127.0.0.1:8080).", valueName: "host:port"))
    var listen: String?

    @Flag(help: "Ask /readyz (a good tick lately) instead of /healthz (the loop is alive).")
    var ready = false

    @Option(help: ArgumentHelp("Seconds to wait for the whole answer.", valueName: "seconds"))
    var timeout: Double = 3

    func validate() throws {
        guard timeout > 0, timeout <= 60 else { throw ValidationError("--timeout must be more than 0 and at most 60 seconds") }
    }

    func run() throws {
        var address = listen ?? ProcessInfo.processInfo.environment["TELEMT_GITOPS_LISTEN"] ?? "127.0.0.1:8080"
        // A daemon listening on every address is asked on loopback.
        for any in ["0.0.0.0:", "[::]:"] where address.hasPrefix(any) {
            address = "127.0.0.1:" + address.dropFirst(any.count)
        }
        let path = ready ? "/readyz" : "/healthz"
        let answer: (status: Int, text: String)
        do throws(ScrapeError) {
            answer = try HealthProbe(url: "http://\(address)\(path)", timeout: timeout).check()
        } catch {
            Console.error("error: no daemon answers \(path) on \(address) (\(Self.cause(error.reason))); "
                + "check that `telemt-gitops run` runs with listen \(address), or pass --listen")
            throw ExitCode.failure
        }
        guard answer.status == 200 else {
            Console.error("error: \(path) answered \(answer.status): \(answer.text)")
            throw ExitCode.failure
        }
        print("\(path): \(answer.text.isEmpty ? "ok" : answer.text)")
    }

    /// Why the probe got no answer, in the daemon's terms (not the scraper's).
    private static func cause(_ reason: ScrapeError.Reason) -> String {
        switch reason {
        case .connect(let why), .resolve(let why): "cannot connect: \(why)"
        case .timedOut(let seconds): "no answer within \(seconds) s"
        case .invalidURL(let why): "not a usable address: \(why)"
        default: "the answer is not the daemon's"
        }
    }
}
