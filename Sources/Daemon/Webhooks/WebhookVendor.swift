/// Who signed a webhook, by the header it came with.
public enum WebhookVendor: String, Sendable, CaseIterable {
    /// GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`, `X-GitHub-Delivery`.
    case github
    /// Forgejo: `X-Forgejo-Signature: <hex HMAC-SHA256>`, `X-Forgejo-Delivery`.
    case forgejo
    /// Gitea: `X-Gitea-Signature: <hex HMAC-SHA256>`, `X-Gitea-Delivery`.
    case gitea
    /// Any other sender: `X-Signature-256: sha256=<hex HMAC-SHA256>`, `X-Delivery-Id`.
    case generic
    /// GitLab: `X-Gitlab-Token: <the secret itself>`, `X-Gitlab-Event-UUID`.
    case gitlab

    /// The header that carries the signature (or GitLab's token), lowercased.
    public var signatureHeader: String {
        switch self {
        case .github: "x-hub-signature-256"
        case .forgejo: "x-forgejo-signature"
        case .gitea: "x-gitea-signature"
        case .generic: "x-signature-256"
        case .gitlab: "x-gitlab-token"
        }
    }

    /// The header that names the delivery, lowercased.
    public var deliveryHeader: String {
        switch self {
        case .github: "x-github-delivery"
        case .forgejo: "x-forgejo-delivery"
        case .gitea: "x-gitea-delivery"
        case .generic: "x-delivery-id"
        case .gitlab: "x-gitlab-event-uuid"
        }
    }

    /// Whether the signature is `sha256=`-prefixed.
    var prefixed: Bool { self == .github || self == .generic }
}
