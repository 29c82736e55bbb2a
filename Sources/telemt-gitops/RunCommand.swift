import ArgumentParser
import Daemon
import Foundation
import Logging
import Reconciler

/// `telemt-gitops run`: the daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Reconcile in a loop: every interval, at the next expiry or period end, on a signed webhook and on SIGHUP.",
        discussion: """
            The daemon that runs next to telemt. Each tick is `reconcile --once`; the last good config keeps serving \
            while a revision is invalid or the remote is away (backoff, then the interval). HTTP on `listen` \
            (default 127.0.0.1:8080): POST /hooks/git (GitHub, Gitea/Forgejo, GitLab, generic HMAC; needs \
            webhooks.secret_file), GET /healthz, /readyz (a good tick within 3 intervals), /metrics (Prometheus). \
            Notifications (notify.*) go through a durable outbox in the store. One daemon per state directory.
            Signals: SIGHUP ticks now (kill -HUP PID); SIGTERM and SIGINT finish or abandon the running tick at a \
            safe point, then exit 0.
            Exit status: 0 stopped by a signal, 1 failed to start or serve, 64 bad settings.
            Examples:
              telemt-gitops run --config /etc/telemt-gitops/config.yaml
              telemt-gitops run --spec . --telemt-config /etc/telemt/config.toml --key master.key --no-telemt --interval 10s --listen 127.0.0.1:8081 --log-format json
            """
    )

    @OptionGroup(title: "Settings")
    var options: EngineOptions

    @Option(help: ArgumentHelp("Time between reconciles, like 30s (also `interval`).", valueName: "duration"))
    var interval: String?

    @Option(help: ArgumentHelp("Address of webhooks, /healthz, /readyz and /metrics, like 127.0.0.1:8080 (also `listen`).", valueName: "host:port"))
    var listen: String?

    @Option(help: ArgumentHelp("`text` or `json` log lines on standard error (also `log_format`).", valueName: "format"))
    var logFormat: String?

    @Option(help: ArgumentHelp("trace, debug, info, notice, warning, error or critical.", valueName: "level"))
    var logLevel: String = "info"

    @Flag(help: "Apply revisions that remove more than max_removal of the users.")
    var allowMassRemoval = false

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    func run() async throws {
        var extra: [String: Setting] = [:]
        for (path, flag, value) in [("interval", "--interval", interval), ("listen", "--listen", listen), ("log_format", "--log-format", logFormat)] {
            if let value { extra[path] = .text(value, from: .flag(flag)) }
        }
        let configuration = try options.resolve(extra: extra)
        let logger = Self.logger(format: configuration.logFormat, level: Logger.Level(rawValue: logLevel) ?? .info, node: configuration.node)
        var engine = ReconcileEngine(configuration: configuration, telemt: try options.telemt(configuration))
        engine.allowMassRemoval = allowMassRemoval
        engine.lockWait = 30
        let fleet = try options.fleetStore(configuration, logger: logger)
        let daemon: DaemonApplication
        do {
            daemon = try DaemonApplication.build(engine: engine, fleet: fleet, logger: logger) { port in
                logger.notice("listening", metadata: ["address": "\(configuration.listen.host):\(port)"])
            }
        } catch {
            Console.error(error.description)
            throw ExitCode(error.code == .settings || error.code == .secretFile ? 64 : 1)
        }
        logger.notice("started", metadata: ["interval": "\(configuration.interval)", "state_dir": "\(configuration.stateDirectory)"])
        do {
            try await daemon.run()
        } catch {
            logger.critical("stopped on an error", metadata: ["error": "\(error)"])
            throw ExitCode.failure
        }
        logger.notice("stopped")
    }

    /// The root logger, the one place a logger is made; everything else is handed it.
    static func logger(format: String, level: Logger.Level, node: String) -> Logger {
        var logger = Logger(label: "telemt-gitops") { label in
            format == "json" ? JSONLogHandler(label: label) as any LogHandler : StreamLogHandler.standardError(label: label)
        }
        logger.logLevel = level
        logger[metadataKey: "node"] = "\(node)"
        return logger
    }
}
