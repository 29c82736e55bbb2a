public import Hummingbird
public import Logging

/// The daemon's HTTP routes: `POST /hooks/git`, `GET /healthz`, `GET /readyz`, `GET /metrics`. None
/// of them waits for a tick, a fetch or the store: they read shared state and ring the loop.
public enum DaemonRouter {
    /// What the routes read and ring.
    public struct Parts: Sendable {
        /// The loop's shared status (readiness).
        public var status: DaemonStatus
        /// The metrics `/metrics` prints.
        public var metrics: DaemonMetrics
        /// The webhook judge.
        public var webhooks: WebhookEndpoint
        /// The loop's doorbell.
        public var triggers: TriggerQueue

        /// Creates the parts.
        public init(status: DaemonStatus, metrics: DaemonMetrics, webhooks: WebhookEndpoint, triggers: TriggerQueue) {
            self.status = status
            self.metrics = metrics
            self.webhooks = webhooks
            self.triggers = triggers
        }
    }

    /// Builds the router.
    public static func buildRouter(_ parts: Parts, logger: Logger) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("healthz") { _, _ in text(.ok, "ok") }
        router.get("readyz") { _, _ in
            let (ready, reason) = parts.status.readiness()
            return text(ready ? .ok : .serviceUnavailable, (ready ? "ready: " : "not ready: ") + reason)
        }
        router.get("metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(bytes: parts.metrics.exposition())))
        }
        router.post("hooks/git") { request, _ in
            await webhook(request, parts: parts, logger: logger)
        }
        return router
    }

    private static func webhook(_ request: Request, parts: Parts, logger: Logger) async -> Response {
        var request = request
        let response: WebhookEndpoint.Response
        do {
            let body = try await request.collectBody(upTo: WebhookEndpoint.maxBody)
            var headers: [String: String] = [:]
            for field in request.headers where headers[field.name.canonicalName] == nil { headers[field.name.canonicalName] = field.value }
            response = parts.webhooks.handle(header: { headers[$0] }, body: Array(body.readableBytesView))
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            response = .init(status: 413, message: "the body is larger than \(WebhookEndpoint.maxBody) bytes", result: "too_large")
        } catch {
            response = .init(status: 400, message: "the body could not be read", result: "bad_request")
        }
        parts.metrics.webhook(result: response.result)
        logger.log(level: response.triggers ? .info : .notice, "webhook",
                   metadata: ["status": "\(response.status)", "result": "\(response.result)", "detail": "\(response.message)"])
        if response.triggers { parts.triggers.fire(.webhook) }
        return text(HTTPResponse.Status(code: response.status), response.message)
    }

    private static func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: message + "\n")))
    }
}
