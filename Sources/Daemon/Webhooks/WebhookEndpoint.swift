import Crypto
import Foundation
import TelemtRender

/// `POST /hooks/git` without the HTTP framework: a verified push to the tracked ref rings the
/// reconcile loop; anything else is answered and changes nothing. Free of I/O, so tests call it directly.
public struct WebhookEndpoint: Sendable {
    /// The answer to one request.
    public struct Response: Sendable, Equatable {
        /// The HTTP status.
        public var status: Int
        /// One line for the sender's delivery log.
        public var message: String
        /// The metric label: `accepted`, `ignored`, `unsigned`, `bad_signature`, `too_large`, `replayed`, `bad_request`, `disabled`.
        public var result: String
        /// Whether a tick was asked for.
        public var triggers: Bool { status == 202 }
    }

    /// The largest body accepted (push payloads of a users repository are a few KiB).
    public static let maxBody = 1 << 20

    let verifier: WebhookVerifier?
    let tracked: TrackedRef
    let deliveries = DeliveryLog()
    let ownCommits: OwnCommits

    /// Creates the endpoint; without a secret every request is refused.
    public init(secret: SecretFile?, tracked: TrackedRef, ownCommits: OwnCommits) {
        verifier = secret.map { WebhookVerifier(secret: $0.bytes) }
        self.tracked = tracked
        self.ownCommits = ownCommits
    }

    /// Judges a request whose body was read whole (at most ``maxBody``).
    public func handle(header: (String) -> String?, body: [UInt8]) -> Response {
        guard let verifier else {
            return Response(status: 403, message: "webhooks are off: set webhooks.secret_file to the secret the forge signs with", result: "disabled")
        }
        switch verifier.verify(header: header, body: body) {
        case .unsigned:
            return Response(status: 401, message: "unsigned: send X-Hub-Signature-256, X-Gitea-Signature, X-Forgejo-Signature, X-Signature-256 or X-Gitlab-Token",
                            result: "unsigned")
        case .badSignature(let vendor):
            return Response(status: 403, message: "the \(vendor.signatureHeader) signature does not match this body and the secret",
                            result: "bad_signature")
        case .verified(let vendor, let delivery):
            // The delivery id is not signed: a captured body sent again under a new id is a replay too.
            let digest = "body:" + Hex.encode(SHA256.hash(data: body))
            guard deliveries.firstTime([digest] + (delivery.map { ["\(vendor.rawValue):\($0)"] } ?? [])) else {
                return Response(status: 409, message: "delivery \(delivery ?? "with this body") was already received", result: "replayed")
            }
            return judge(body)
        }
    }

    /// What a verified body asks for.
    private func judge(_ body: [UInt8]) -> Response {
        switch WebhookPayload.parse(body) {
        case nil:
            return Response(status: 400, message: "the body is not a JSON object", result: "bad_request")
        case .other:
            return Response(status: 200, message: "not a push: acknowledged, nothing to do", result: "ignored")
        case .push(let ref, let after):
            guard tracked.matches(ref) else {
                return Response(status: 200, message: "push to \(ref): this host does not follow it; ignored", result: "ignored")
            }
            if let after, ownCommits.contains(after) {
                return Response(status: 200, message: "push of this host's own status commit; ignored", result: "ignored")
            }
            return Response(status: 202, message: "push to \(ref) accepted; reconciling", result: "accepted")
        }
    }
}
