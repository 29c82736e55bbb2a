import Crypto
import Foundation
import TelemtRender
public import StatsSink

/// A JSON POST per event, signed like the webhooks this daemon accepts: `X-Signature-256:
/// sha256=<hex HMAC-SHA256 of the body>`, with `X-Delivery-Id` (the event's key, the same on every
/// retry, so a receiver can drop a repeat) and `X-Event` (its kind).
public struct WebhookSink: NotificationSink {
    public let name = "webhook"
    private let url: String
    private let key: SymmetricKey
    private let http: OutboundHTTP

    /// A sink posting to `url` (https, or http on loopback only), signed with `secret`.
    public init(url: String, secret: SecretFile, http: OutboundHTTP) throws(DaemonError) {
        try OutboundURL.check(url, setting: "notify.webhook.url")
        self.url = url
        key = SymmetricKey(data: secret.bytes)
        self.http = http
    }

    public func deliver(_ entry: OutboxEntry, text: String) async -> DeliveryResult {
        let body = Self.body(entry.event, text: text)
        let signature = "sha256=" + Hex.encode(HMAC<SHA256>.authenticationCode(for: body, using: key))
        do {
            let answer = try await http.post(url, headers: [("X-Signature-256", signature), ("X-Delivery-Id", entry.event.key),
                                                            ("X-Event", entry.event.kind)], body: body)
            switch answer.status {
            case 200..<300: return .delivered
            case 429, 500...:
                let after = answer.headers["retry-after"].flatMap(Int.init).map { Duration.seconds(min(max($0, 1), 3_600)) }
                return .retry(after: after, reason: "HTTP \(answer.status)")
            default: return .rejected(reason: "HTTP \(answer.status)")
            }
        } catch {
            return .retry(after: nil, reason: error.reason)
        }
    }

    /// `{"id", "kind", "node", "user", "text", "fields", "created"}`, keys sorted; the fields are
    /// scrubbed of links and secrets like the text.
    static func body(_ event: OutboxEvent, text: String) -> [UInt8] {
        let fields = event.fields.mapValues(NotificationText.scrub)
        var object: [String: Any] = ["id": event.key, "kind": event.kind, "node": event.node, "text": text, "fields": fields,
                                     "created": ISO8601DateFormatter().string(from: event.created)]
        if let user = event.user { object["user"] = user }
        return Array((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data())
    }
}
