import Foundation
public import Hummingbird
public import Logging
public import Reconciler
public import ServiceLifecycle
import StatsSink

/// `telemt-gitops run` assembled: one ``ServiceGroup`` of the outbox dispatcher, the reconcile
/// loop, SIGHUP and the HTTP listener, stopped in reverse order on SIGTERM or SIGINT.
public struct DaemonApplication {
    /// The pieces, for the command and for tests that drive them.
    public let loop: ReconcileLoop
    public let dispatcher: OutboxDispatcher?
    public let router: Router<BasicRequestContext>
    public let parts: DaemonRouter.Parts
    public let group: ServiceGroup
    private let claim: RunClaim
    private let http: OutboundHTTP
    /// How long the listener keeps a connection that sends nothing.
    public static let idleTimeout: Duration = .seconds(15)

    /// Builds the daemon for `engine`'s configuration; `interval` overrides the configured one. With
    /// `fleet` (a fleet's shared store) its client is the group's first service, stopped last, and the
    /// engine's ticks record into its store.
    public static func build(engine: ReconcileEngine, fleet: FleetStoreClient? = nil, logger: Logger, clock: any Clock<Duration> = ContinuousClock(),
                             onListening: @escaping @Sendable (Int) -> Void = { _ in }) throws(DaemonError) -> DaemonApplication {
        var engine = engine
        if let fleet { engine.fleetStore = fleet.store }
        let configuration = engine.configuration
        let claim: RunClaim
        do { claim = try RunClaim(configuration) } catch {
            throw DaemonError(error.code == .locked ? .locked : .settings, path: error.path, error.message,
                              hint: error.code == .locked ? "stop the other daemon, or give this one its own state_dir" : error.hint)
        }
        let http = OutboundHTTP()
        let metrics = DaemonMetrics(), triggers = TriggerQueue(), own = OwnCommits()
        let status = DaemonStatus(readyWithin: max(60, 3 * LoopSchedule.seconds(configuration.interval)))
        let (outbox, sinks) = try notification(configuration, http: http)
        let dispatcher = outbox.map { OutboxDispatcher(outbox: $0, sinks: sinks, language: NotificationLanguage(rawValue: configuration.language) ?? .en,
                                                       metrics: metrics, logger: logger, clock: clock) }
        let secret = try configuration.notify.incomingSecretFile.map { path throws(DaemonError) in try SecretFile(path: path, setting: "webhooks.secret_file") }
        let parts = DaemonRouter.Parts(status: status, metrics: metrics,
                                       webhooks: WebhookEndpoint(secret: secret, tracked: TrackedRef(configuration), ownCommits: own), triggers: triggers)
        let loop = ReconcileLoop(engine: engine, triggers: triggers, status: status, metrics: metrics, outbox: outbox, dispatcher: dispatcher,
                                 ownCommits: own, logger: logger, clock: clock, settings: LoopSchedule.Settings(interval: configuration.interval))
        let router = DaemonRouter.buildRouter(parts, logger: logger)
        let (host, port) = configuration.listen
        // A connection that sends nothing for `idleTimeout` (a stalled head or body, a Content-Length
        // larger than the body, an idle keep-alive) is closed, so slow clients cannot hold descriptors.
        let app = Application(router: router, server: .http1(configuration: .init(idleTimeout: .init(idleTimeout))),
                              configuration: .init(address: .hostname(host, port: port), serverName: "telemt-gitops"),
                              onServerRunning: { channel in onListening(channel.localAddress?.port ?? port) }, logger: logger)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if let fleet { services.append(.init(service: fleet, serviceName: "fleet-store")) }
        if let dispatcher { services.append(.init(service: dispatcher, serviceName: "outbox")) }
        services += [.init(service: loop, serviceName: "reconcile"), .init(service: SignalTrigger(triggers: triggers), serviceName: "sighup"),
                     .init(service: app, serviceName: "http")]
        var group = ServiceGroupConfiguration(services: services, logger: logger)
        group.gracefulShutdownSignals = [.sigterm, .sigint]
        group.maximumGracefulShutdownDuration = .seconds(10)
        return DaemonApplication(loop: loop, dispatcher: dispatcher, router: router, parts: parts, group: ServiceGroup(configuration: group),
                                 claim: claim, http: http)
    }

    /// Runs until SIGTERM or SIGINT.
    public func run() async throws {
        defer { withExtendedLifetime(claim) {} }
        do {
            try await group.run()
        } catch {
            await http.shutdown()
            throw error
        }
        await http.shutdown()
    }

    /// The outbox and its sinks, when any sink is configured.
    private static func notification(_ configuration: EngineConfiguration, http: OutboundHTTP) throws(DaemonError)
        -> ((any NotificationOutbox)?, [any NotificationSink]) {
        let notify = configuration.notify
        guard notify.hasSinks else { return (nil, []) }
        var sinks: [any NotificationSink] = []
        if let tokenFile = notify.telegramTokenFile {
            let token = try SecretFile(path: tokenFile, setting: "notify.telegram.token_file")
            // One sink per chat: a chat listed twice (`-100`, `"-100"`, `-0100`) would get every event twice.
            var chats: [String] = []
            for chat in notify.telegramChats.map({ Int64($0).map(String.init) ?? $0 }) where !chats.contains(chat) { chats.append(chat) }
            for chat in chats { sinks.append(try TelegramSink(base: notify.telegramAPI, token: token, chat: chat, http: http)) }
        }
        if let url = notify.webhookURL, let secretFile = notify.webhookSecretFile {
            sinks.append(try WebhookSink(url: url, secret: try SecretFile(path: secretFile, setting: "notify.webhook.secret_file"), http: http))
        }
        do {
            return (try SQLiteStatsStore(path: configuration.storePath), sinks)
        } catch {
            throw DaemonError(.store, path: configuration.storePath, "the outbox cannot be opened: \(error)",
                              hint: "check `store` and that the state directory is writable")
        }
    }
}
